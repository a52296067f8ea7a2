package org.connectorhub.hub.activity;

import org.connectorhub.hub.storage.StoreContract;
import org.connectorhub.hub.config.ActivitySettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.storage.SqlFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JdbcActivityStore} on a real database (H2 and PostgreSQL run the same tests). */
abstract class ActivityStoreContract extends StoreContract {

    JdbcActivityStore store;
    String project;

    @BeforeEach
    void freshProject() {
        store = new JdbcActivityStore(database().dataSource());
        project = ApiKeys.newId("prj_");
    }

    ActivityEntry entry(String account, Instant at, int status) {
        return new ActivityEntry(ApiKeys.newId("log_"), at.truncatedTo(ChronoUnit.MICROS), project, account, "postmark",
                "action", "send_email", new Caller(Caller.Kind.API_KEY, "key_abc"), status,
                status >= 400 ? Optional.of("provider_rejected") : Optional.empty(), 1234,
                Map.of("message_id", "m-1", "error_code", "0"), Optional.of("idem-1"), false, Optional.empty(),
                Optional.of("{\"data\":1}"));
    }

    static ActivityQuery all(String project, int pageSize, Optional<ActivityQuery.Cursor> after) {
        return new ActivityQuery(project, Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), after, pageSize);
    }

    @Test
    void writesAndReadsBackEveryField() {
        ActivityEntry written = entry("acc_1", Instant.now(), 422);
        store.insert(List.of(written));

        assertThat(store.find(project, written.id())).contains(written);
        assertThat(store.find("prj_other", written.id())).isEmpty();
    }

    @Test
    void pagesNewestFirstOnTimeThenIdWithTiesAndFilters() {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        List<ActivityEntry> entries = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // pairs share a timestamp: the id breaks the tie
            entries.add(entry(i % 2 == 0 ? "acc_a" : "acc_b", base.plusSeconds(i / 2), i == 3 ? 500 : 200));
        }
        store.insert(entries);

        List<String> seen = new ArrayList<>();
        Optional<ActivityQuery.Cursor> after = Optional.empty();
        while (true) {
            List<ActivityEntry> rows = store.list(all(project, 3, after));
            List<ActivityEntry> page = rows.subList(0, Math.min(3, rows.size()));
            page.forEach(e -> seen.add(e.id()));
            if (rows.size() <= 3) {
                break;
            }
            ActivityEntry last = page.get(page.size() - 1);
            after = Optional.of(new ActivityQuery.Cursor(last.at(), last.id()));
        }
        List<String> expected = entries.stream()
                .sorted((x, y) -> x.at().equals(y.at()) ? y.id().compareTo(x.id()) : y.at().compareTo(x.at()))
                .map(ActivityEntry::id).toList();
        assertThat(seen).containsExactlyElementsOf(expected);

        ActivityQuery accountB = new ActivityQuery(project, Optional.of("acc_b"), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50);
        assertThat(store.list(accountB)).hasSize(3).allMatch(e -> e.accountId().equals("acc_b"));
        ActivityQuery failed = new ActivityQuery(project, Optional.empty(), Optional.of("postmark"),
                Optional.of("send_email"), OptionalInt.of(500), Optional.empty(), Optional.empty(), Optional.empty(), 50);
        assertThat(store.list(failed)).hasSize(1);
        ActivityQuery window = new ActivityQuery(project, Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.of(base.plusSeconds(1)), Optional.of(base.plusSeconds(3)), Optional.empty(), 50);
        assertThat(store.list(window)).hasSize(4);
        assertThat(store.list(all("prj_other", 50, Optional.empty()))).isEmpty();
    }

    @Test
    void retentionDeletesOnlyOldEntriesInSmallBatches() {
        Instant now = Instant.now();
        List<ActivityEntry> old = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            old.add(entry("acc_old", now.minus(Duration.ofDays(40)).plusSeconds(i), 200));
        }
        store.insert(old);
        ActivityEntry recent = entry("acc_new", now.minus(Duration.ofDays(1)), 200);
        store.insert(List.of(recent));

        assertThat(store.deleteOlderThan(now.minus(Duration.ofDays(30)), 10)).isEqualTo(10);
        int purged = new ActivityPurge(store, new ActivitySettings(true, false, Duration.ofDays(30), 10, 10)).run(now);

        assertThat(purged).isGreaterThanOrEqualTo(15);
        assertThat(store.list(all(project, 50, Optional.empty()))).extracting(ActivityEntry::id)
                .containsExactly(recent.id());
    }

    @Test
    void anAccountsEntriesByStatusAndItsFailuresFromTheFailuresIndex() throws Exception {
        Instant base = Instant.parse("2026-02-01T00:00:00Z");
        List<ActivityEntry> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int status = i % 10 == 3 ? 422 : i % 10 == 7 ? 503 : 200;
            entries.add(entry(i % 2 == 0 ? "acc_a" : "acc_b", base.plusSeconds(i), status));
        }
        store.insert(entries);

        for (String account : List.of("acc_a", "acc_b")) {
            for (int status : List.of(200, 422, 503, 404)) {
                ActivityQuery query = new ActivityQuery(project, Optional.of(account), Optional.empty(), Optional.empty(),
                        OptionalInt.of(status), Optional.empty(), Optional.empty(), Optional.empty(), 50);
                List<String> expected = entries.stream()
                        .filter(e -> e.accountId().equals(account) && e.status() == status)
                        .sorted((x, y) -> y.at().compareTo(x.at())).map(ActivityEntry::id).toList();
                assertThat(store.list(query)).extracting(ActivityEntry::id).as(account + " " + status)
                        .containsExactlyElementsOf(expected);
            }
        }

        ActivityQuery failures = new ActivityQuery(project, Optional.of("acc_a"), Optional.empty(), Optional.empty(),
                OptionalInt.of(422), Optional.empty(), Optional.empty(), Optional.empty(), 50);
        assertThat(plan(JdbcActivityStore.listFilter(failures))).contains("activity_log_account_failures_at");
    }

    /** The database's plan for a query, index scans preferred (a few rows would otherwise be a sequential scan). */
    private String plan(SqlFilter filter) throws SQLException {
        try (Connection connection = database().dataSource().getConnection()) {
            boolean postgres = database().vendor().equals("postgresql");
            if (postgres) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET enable_seqscan = off");
                    statement.execute("SET enable_bitmapscan = off");
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("EXPLAIN " + filter.sql())) {
                filter.bind(statement);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString().toLowerCase(Locale.ROOT);
            } finally {
                if (postgres) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("RESET enable_seqscan");
                        statement.execute("RESET enable_bitmapscan");
                    }
                }
            }
        }
    }
}
