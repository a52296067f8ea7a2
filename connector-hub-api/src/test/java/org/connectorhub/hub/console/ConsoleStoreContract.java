package org.connectorhub.hub.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.hub.accounts.JdbcAccountStore;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.connectorhub.hub.storage.StoreContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's stores on a real database: sign-in links, sessions, and the Accounts page's query. */
abstract class ConsoleStoreContract extends StoreContract {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456Z");

    JdbcConsoleSessionStore sessions;
    JdbcAccountTable table;
    JdbcAccountStore accounts;
    String project;
    String otherProject;

    @BeforeEach
    void freshProjects() {
        sessions = new JdbcConsoleSessionStore(database().dataSource());
        table = new JdbcAccountTable(database().dataSource());
        accounts = new JdbcAccountStore(database().dataSource());
        JdbcProjectStore projects = new JdbcProjectStore(database().dataSource());
        project = projects.create("console", UUID.randomUUID().toString()).id();
        otherProject = projects.create("other", UUID.randomUUID().toString()).id();
    }

    @Test
    void aLinkSignsInOnceThenSaysUsedAndAnExpiredOneSaysExpired() {
        sessions.insertLink(ApiKeys.newId("csl_"), "hash-a-" + project, project, NOW, NOW.plusSeconds(600));
        sessions.insertLink(ApiKeys.newId("csl_"), "hash-b-" + project, project, NOW, NOW.plusSeconds(600));

        assertThat(sessions.redeem("hash-a-" + project, NOW.plusSeconds(5)))
                .isEqualTo(new ConsoleSessionStore.Redemption(ConsoleSessionStore.LinkState.SIGNED_IN, Optional.of(project)));
        assertThat(sessions.redeem("hash-a-" + project, NOW.plusSeconds(6)).state()).isEqualTo(ConsoleSessionStore.LinkState.USED);
        assertThat(sessions.redeem("hash-b-" + project, NOW.plusSeconds(600)).state())
                .isEqualTo(ConsoleSessionStore.LinkState.EXPIRED);
        assertThat(sessions.redeem("hash-none", NOW).state()).isEqualTo(ConsoleSessionStore.LinkState.UNKNOWN);
        assertThat(sessions.hasAnyLink(project)).isTrue();
        assertThat(sessions.hasAnyLink(otherProject)).isFalse();
    }

    @Test
    void aSessionIsFoundByItsHashTouchedAndDeleted() {
        ConsoleSession session = new ConsoleSession(ApiKeys.newId("con_"), project, NOW, NOW);
        sessions.insertSession(session, "session-hash-" + project);
        assertThat(sessions.findSession("session-hash-" + project)).contains(session);

        sessions.touch(session.id(), NOW.plusSeconds(60));
        assertThat(sessions.findSession("session-hash-" + project).orElseThrow().lastSeenAt()).isEqualTo(NOW.plusSeconds(60));

        sessions.deleteSession(session.id());
        assertThat(sessions.findSession("session-hash-" + project)).isEmpty();
    }

    @Test
    void housekeepingDeletesIdleSessionsAndUnusedExpiredLinksOnly() {
        ConsoleSession idle = new ConsoleSession(ApiKeys.newId("con_"), project, NOW, NOW);
        ConsoleSession fresh = new ConsoleSession(ApiKeys.newId("con_"), project, NOW, NOW.plusSeconds(3600));
        sessions.insertSession(idle, "idle-" + project);
        sessions.insertSession(fresh, "fresh-" + project);
        sessions.insertLink(ApiKeys.newId("csl_"), "used-" + project, project, NOW, NOW.plusSeconds(600));
        sessions.redeem("used-" + project, NOW.plusSeconds(1));
        sessions.insertLink(ApiKeys.newId("csl_"), "unused-" + project, project, NOW, NOW.plusSeconds(600));

        ConsolePurge purge = new ConsolePurge(sessions);
        purge.run(NOW.plus(ConsoleSignIn.IDLE_EXPIRY).plusSeconds(1));

        assertThat(sessions.findSession("idle-" + project)).isEmpty();
        assertThat(sessions.findSession("fresh-" + project)).contains(fresh);
        assertThat(sessions.redeem("used-" + project, NOW).state()).isEqualTo(ConsoleSessionStore.LinkState.USED);
        assertThat(sessions.redeem("unused-" + project, NOW).state()).isEqualTo(ConsoleSessionStore.LinkState.UNKNOWN);
        assertThat(sessions.hasAnyLink(project)).isTrue();
    }

    @Test
    void theAccountsQueryFiltersByStatusConnectorTypeAndOwnerAndPagesById() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(insert(project, "owner-" + i, i == 0 ? "Ada Lovelace" : "Grace Hopper " + i,
                    i % 2 == 0 ? Mode.PRODUCTION : Mode.TEST, i == 3 ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE));
        }
        insert(otherProject, "owner-0", "Ada Lovelace", Mode.PRODUCTION, AccountStatus.ACTIVE);
        List<String> sorted = ids.stream().sorted().toList();

        assertThat(ids(filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10))).isEqualTo(sorted);
        assertThat(ids(filter(Optional.of(AccountStatus.SUSPENDED), Optional.empty(), Optional.empty(), Optional.empty(), 10)))
                .containsExactly(ids.get(3));
        assertThat(ids(filter(Optional.empty(), Optional.of(Mode.TEST), Optional.empty(), Optional.empty(), 10)))
                .containsExactlyInAnyOrder(ids.get(1), ids.get(3));
        assertThat(ids(filter(Optional.empty(), Optional.empty(), Optional.of("owner-2"), Optional.empty(), 10)))
                .containsExactly(ids.get(2));
        assertThat(ids(filter(Optional.empty(), Optional.empty(), Optional.of("Ada"), Optional.empty(), 10)))
                .containsExactly(ids.get(0));
        assertThat(ids(filter(Optional.empty(), Optional.empty(), Optional.of("Grace"), Optional.empty(), 10)))
                .containsExactlyInAnyOrderElementsOf(ids.subList(1, 5));
        assertThat(ids(filter(Optional.empty(), Optional.empty(), Optional.of("Hopper"), Optional.empty(), 10))).isEmpty();
        assertThat(table.list(new AccountTable.Filter(project, Optional.empty(), Optional.of("other"), Optional.empty(),
                Optional.empty(), Optional.empty(), 10))).isEmpty();

        List<AccountTable.Row> first = filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 2);
        assertThat(ids(first)).containsExactly(sorted.get(0), sorted.get(1), sorted.get(2));
        List<AccountTable.Row> second = filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(sorted.get(1)), 2);
        assertThat(ids(second)).containsExactly(sorted.get(2), sorted.get(3), sorted.get(4));

        AccountTable.Row row = first.get(0);
        assertThat(row.provider()).isEqualTo("postmark");
        assertThat(row.createdAt()).isEqualTo(NOW);
        assertThat(row.name()).startsWith("Server ");
    }

    private List<AccountTable.Row> filter(Optional<AccountStatus> status, Optional<Mode> mode, Optional<String> owner,
            Optional<String> after, int pageSize) {
        return table.list(new AccountTable.Filter(project, status, Optional.empty(), mode, owner, after, pageSize));
    }

    private static List<String> ids(List<AccountTable.Row> rows) {
        return rows.stream().map(AccountTable.Row::id).toList();
    }

    private String insert(String projectId, String owner, String ownerName, Mode mode, AccountStatus status) {
        String id = "acc_" + UUID.randomUUID().toString().replace("-", "");
        accounts.insert(LinkedAccount.builder()
                .id(id)
                .projectId(projectId)
                .provider("postmark")
                .originOwnerId(owner)
                .originOwnerName(ownerName)
                .status(status)
                .mode(mode)
                .providerAccount(new ProviderAccount(id, "Server " + id))
                .addCredentialFields("server_token")
                .sealedCredentials(("sealed-" + id).getBytes(UTF_8))
                .createdAt(NOW.truncatedTo(ChronoUnit.MICROS))
                .updatedAt(NOW)
                .build());
        return id;
    }
}
