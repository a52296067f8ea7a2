package org.connectorhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Function;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.activity.ActivityQuery;
import org.connectorhub.hub.activity.JdbcActivityStore;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.storage.TestDatabases;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Scenario 6: the activity log. (a) What writing an entry per action adds to scenario 2's call at
 * concurrency 1: the same hub set-up with the log off ({@code HUB_LOGS_ENABLED=false}) vs on, in
 * alternating slices. (b) {@code GET /v1/logs}' query on PostgreSQL with many entries (full: 10
 * million, smoke: 10,000), seeded with multi-row inserts: a project's newest page, an account's
 * newest page, a page deep in an account's history by cursor, and a status filter; p99 of each
 * against 10 ms. Baseline for (b): the same SQL's count of the account's entries is not a fair
 * comparison, so the baseline is the project's newest page by primary-key order (the cheapest
 * query the table can answer).
 */
final class ActivityLogScenario implements Scenario {
    static final double TARGET_ADDED_P50_MS = 0.05;
    static final double TARGET_LIST_P99_MS = 10.0;
    private static final String SCENARIO = "6. activity log";
    private static final String PROJECT = "prj_bench";
    private static final int ACCOUNTS = 1000;

    @Override
    public String key() {
        return "logs";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        List<Figure> figures = new ArrayList<>(overhead(settings));
        figures.addAll(listAtScale(settings));
        return figures;
    }

    private List<Figure> overhead(BenchSettings settings) throws Exception {
        String apiKey = ApiKeys.newApiKey();
        try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake);
                TestHub off = TestHub.start(TestHub.config(fake, Files.createTempDirectory(settings.workDir(), "logs-off"),
                        apiKey).connector("postmark", "read_timeout_ms", "10000").connector("logs", "enabled", "false").build());
                TestHub on = TestHub.start(TestHub.config(fake, Files.createTempDirectory(settings.workDir(), "logs-on"),
                        apiKey).connector("postmark", "read_timeout_ms", "10000").build());
                HubHttp offHttp = new HubHttp(off.client().baseUrl(), apiKey);
                HubHttp onHttp = new HubHttp(on.client().baseUrl(), apiKey)) {
            HubHttp.Request offSend = offHttp.sendEmail(offHttp.link("bench-off", fake.addServer("Off").serverToken()));
            HubHttp.Request onSend = onHttp.sendEmail(onHttp.link("bench-on", fake.addServer("On").serverToken()));
            LoadResult[] pair = LoadDriver.compare(1, settings.warmup(), settings.measure(), settings.smoke() ? 2 : 8,
                    "logs off", thread -> offHttp.call(offSend), "logs on", thread -> onHttp.call(onSend));
            double addedP50 = (pair[1].p50Micros() - pair[0].p50Micros()) / 1000;
            double addedP99 = (pair[1].p99Micros() - pair[0].p99Micros()) / 1000;
            return List.of(
                    new Figure(SCENARIO, "send_email through the hub p50, concurrency 1: logs off vs on", pair[0].name(),
                            pair[0].p50Micros() / 1000, pair[1].name(), pair[1].p50Micros() / 1000, "ms",
                            String.format("added <= %.2f ms", TARGET_ADDED_P50_MS), addedP50 <= TARGET_ADDED_P50_MS,
                            pair[0].ops(), pair[1].ops(), String.format("added %.3f ms.", addedP50)
                                    + Figure.errorsNote(pair[0], pair[1])),
                    new Figure(SCENARIO, "send_email through the hub p99, concurrency 1: logs off vs on", pair[0].name(),
                            pair[0].p99Micros() / 1000, pair[1].name(), pair[1].p99Micros() / 1000, "ms", "(diagnosis)",
                            null, pair[0].ops(), pair[1].ops(), String.format("added %.3f ms.", addedP99)));
        }
    }

    private List<Figure> listAtScale(BenchSettings settings) throws Exception {
        int entries = settings.smoke() ? 10_000 : 10_000_000;
        int samples = settings.smoke() ? 50 : 2_000;
        try (Database database = TestDatabases.postgres()) {
            DataSource data = database.dataSource();
            long seedStart = System.nanoTime();
            Instant newest = seed(data, entries);
            String seeded = String.format("%,d entries (%,d accounts) seeded in %.0f s.", entries, ACCOUNTS,
                    (System.nanoTime() - seedStart) / 1e9);
            try (Connection connection = data.getConnection(); var statement = connection.createStatement()) {
                statement.execute("ANALYZE activity_log");
            }
            JdbcActivityStore store = new JdbcActivityStore(data);
            SplittableRandom random = new SplittableRandom(7);
            int perAccount = entries / ACCOUNTS;
            Function<Integer, Instant> atDepth = depth -> newest.minusSeconds(depth);

            List<Figure> figures = new ArrayList<>();
            figures.add(figure("project's newest page of 50", sample(data, samples, store, random,
                    r -> query(Optional.empty(), OptionalInt.empty(), Optional.empty())), seeded));
            figures.add(figure("an account's newest page of 50", sample(data, samples, store, random,
                    r -> query(Optional.of(account(r.nextInt(ACCOUNTS))), OptionalInt.empty(), Optional.empty())), ""));
            figures.add(figure("an account's page of 50 at 90% depth (cursor)", sample(data, samples, store, random,
                    r -> query(Optional.of(account(r.nextInt(ACCOUNTS))), OptionalInt.empty(), Optional.of(
                            new ActivityQuery.Cursor(atDepth.apply(perAccount * 9 / 10), "log_zzzzzzzz")))),
                    "keyset on (time, id), no OFFSET."));
            figures.add(figure("an account's failures (status=422), newest page", sample(data, samples, store, random,
                    r -> query(Optional.of(account(r.nextInt(ACCOUNTS))), OptionalInt.of(422), Optional.empty())),
                    "1 entry in 20 is a 422."));
            return figures;
        }
    }

    private static ActivityQuery query(Optional<String> account, OptionalInt status, Optional<ActivityQuery.Cursor> after) {
        return new ActivityQuery(PROJECT, account, Optional.empty(), Optional.empty(), status, Optional.empty(),
                Optional.empty(), after, 50);
    }

    private static String account(int n) {
        return String.format("acc_bench%05d", n);
    }

    /** Baseline (the newest page by primary key, raw JDBC) and ours alternate; a fifth as many warm-up rounds first. */
    private static Histogram[] sample(DataSource data, int samples, JdbcActivityStore store, SplittableRandom random,
            Function<SplittableRandom, ActivityQuery> queries) throws SQLException {
        Histogram raw = new Histogram(Duration.ofSeconds(30).toNanos(), 3);
        Histogram ours = new Histogram(Duration.ofSeconds(30).toNanos(), 3);
        int warmup = Math.max(1, samples / 5);
        for (int i = 0; i < warmup + samples; i++) {
            ActivityQuery query = queries.apply(random);
            long start = System.nanoTime();
            rawPage(data);
            long middle = System.nanoTime();
            if (store.list(query).isEmpty() && query.status().isEmpty()) {
                throw new IllegalStateException("a seeded page is empty");
            }
            long end = System.nanoTime();
            if (i >= warmup) {
                raw.recordValue(middle - start);
                ours.recordValue(end - middle);
            }
        }
        return new Histogram[] {raw, ours};
    }

    private static void rawPage(DataSource data) throws SQLException {
        try (Connection connection = data.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id FROM activity_log WHERE project_id = ? ORDER BY id DESC LIMIT 51")) {
            statement.setString(1, PROJECT);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    rows.getString(1);
                }
            }
        }
    }

    private static Figure figure(String metric, Histogram[] histograms, String note) {
        double ours = histograms[1].getValueAtPercentile(99) / 1e6;
        return new Figure(SCENARIO, metric + " p99 (PostgreSQL)", "raw newest page by id", histograms[0]
                .getValueAtPercentile(99) / 1e6, "GET /v1/logs query", ours, "ms",
                String.format("<= %.0f ms", TARGET_LIST_P99_MS), ours <= TARGET_LIST_P99_MS, histograms[0].getTotalCount(),
                histograms[1].getTotalCount(), String.format("p50 %.3f ms. ", histograms[1].getValueAtPercentile(50) / 1e6)
                        + note);
    }

    /** Entry i belongs to account i % 1000 and is one second older than entry i - 1000 of it. */
    private static Instant seed(DataSource data, int entries) throws SQLException {
        Instant newest = Instant.parse("2026-06-01T00:00:00Z");
        int rowsPerStatement = 500;
        StringBuilder sql = new StringBuilder("INSERT INTO activity_log (id, project_id, account_id, occurred_at, provider, "
                + "kind, what, caller_kind, caller_id, status, code, duration_micros, provider_ids, idempotency_key, replay, "
                + "failed_account_id) "
                + "VALUES ");
        for (int r = 0; r < rowsPerStatement; r++) {
            sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, 'postmark', 'action', 'send_email', 'api_key', 'key_bench', ?, ?, "
                    + "1200, '{\"message_id\":\"m\"}', NULL, FALSE, ?)");
        }
        try (Connection connection = data.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            connection.setAutoCommit(false);
            int i = 0;
            while (i < entries) {
                int p = 1;
                for (int r = 0; r < rowsPerStatement; r++, i++) {
                    int n = i < entries ? i : entries - 1 - r; // pad the last statement with fresh ids
                    boolean failed = n % 20 == 7;
                    statement.setString(p++, String.format("log_%010d", i));
                    statement.setString(p++, PROJECT);
                    statement.setString(p++, account(n % ACCOUNTS));
                    statement.setObject(p++, OffsetDateTime.ofInstant(newest.minusSeconds(n / ACCOUNTS)
                            .minusMillis(n % ACCOUNTS), ZoneOffset.UTC));
                    statement.setInt(p++, failed ? 422 : 200);
                    statement.setString(p++, failed ? "provider_rejected" : null);
                    statement.setString(p++, failed ? account(n % ACCOUNTS) : null); // as JdbcActivityStore writes it
                }
                statement.executeUpdate();
                if (i % 100_000 < rowsPerStatement) {
                    connection.commit();
                }
            }
            connection.commit();
        }
        return newest;
    }
}
