package org.connectorhub.hub.projects;

import org.connectorhub.hub.storage.StoreContract;
import org.connectorhub.hub.storage.Database;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.storage.ChangeNotices;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link ProjectStore} must do on every database; run against H2 and PostgreSQL. */
abstract class ProjectStoreContract extends StoreContract {
    private JdbcProjectStore projects;

    @BeforeEach
    void createStore() {
        projects = new JdbcProjectStore(database().dataSource());
    }

    @Test
    void aCreatedProjectHasARandomIdAndIsFoundByIdAndKeyHash() {
        String hash = newHash();

        Project project = projects.create("Acme", hash);

        assertThat(project.id()).matches("prj_[0-9a-f]{24}");
        assertThat(project.name()).isEqualTo("Acme");
        assertThat(project.allowedOrigins()).isEmpty();
        assertThat(projects.find(project.id())).contains(project);
        assertThat(projects.findByApiKeyHash(hash)).contains(project);
        assertThat(projects.hasAnyApiKey(project.id())).isTrue();
        assertThat(projects.create("Acme", newHash()).id()).isNotEqualTo(project.id());
    }

    @Test
    void anUnknownKeyHashOrIdFindsNothing() {
        projects.create("Acme", newHash());

        assertThat(projects.findByApiKeyHash(newHash())).isEmpty();
        assertThat(projects.find("prj_unknown")).isEmpty();
        assertThat(projects.hasAnyApiKey("prj_unknown")).isFalse();
    }

    @Test
    void createIfAbsentCreatesOnceAndAddsNewKeys() {
        String id = "default-" + UUID.randomUUID();
        String first = newHash();
        String second = newHash();

        Project created = projects.createIfAbsent(id, "Default", first);
        Project again = projects.createIfAbsent(id, "Renamed", first);
        Project withSecondKey = projects.createIfAbsent(id, "Default", second);

        assertThat(created.id()).isEqualTo(id);
        assertThat(again).isEqualTo(created);
        assertThat(withSecondKey).isEqualTo(created);
        assertThat(projects.findByApiKeyHash(first)).contains(created);
        assertThat(projects.findByApiKeyHash(second)).contains(created);
        assertThat(projects.list()).filteredOn(project -> project.id().equals(id)).hasSize(1);
    }

    @Test
    void concurrentBootstrapsCreateOneProject() throws Exception {
        String id = "default-" + UUID.randomUUID();
        String hash = newHash();
        int hubs = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(hubs);
        try {
            List<Future<Project>> results = new ArrayList<>();
            for (int i = 0; i < hubs; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return projects.createIfAbsent(id, "Default", hash);
                }));
            }
            start.countDown();
            List<Project> created = new ArrayList<>();
            for (Future<Project> result : results) {
                created.add(result.get(30, TimeUnit.SECONDS));
            }

            assertThat(created).allSatisfy(project -> assertThat(project).isEqualTo(created.get(0)));
            assertThat(projects.list()).filteredOn(project -> project.id().equals(id)).hasSize(1);
            assertThat(projects.findByApiKeyHash(hash)).contains(created.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aProjectCanHoldSeveralKeysButAKeyBelongsToOneProject() {
        Project acme = projects.create("Acme", newHash());
        Project other = projects.create("Other", newHash());
        String extra = newHash();

        projects.addApiKey(acme.id(), extra);
        projects.addApiKey(acme.id(), extra);

        assertThat(projects.findByApiKeyHash(extra)).contains(acme);
        assertThatThrownBy(() -> projects.addApiKey(other.id(), extra))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(extra);
        assertThatThrownBy(() -> projects.create("Third", extra)).isInstanceOf(IllegalArgumentException.class);
        assertThat(projects.list()).extracting(Project::name).doesNotContain("Third");
    }

    @Test
    void aKeyForAnUnknownProjectIsRefused() {
        assertThatThrownBy(() -> projects.addApiKey("prj_unknown", newHash()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowedOriginsAreReplacedAndReadBack() {
        Project project = projects.create("Acme", newHash());

        projects.setAllowedOrigins(project.id(), List.of("https://app.example.com", "http://localhost:3000"));

        assertThat(projects.find(project.id()).orElseThrow().allowedOrigins())
                .containsExactly("https://app.example.com", "http://localhost:3000");
        projects.setAllowedOrigins(project.id(), List.of());
        assertThat(projects.find(project.id()).orElseThrow().allowedOrigins()).isEmpty();
        assertThatThrownBy(() -> projects.setAllowedOrigins("prj_unknown", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listReturnsProjectsOrderedById() {
        Project a = projects.create("A", newHash());
        Project b = projects.create("B", newHash());

        List<Project> all = projects.list();

        assertThat(all).contains(a, b);
        assertThat(all).extracting(Project::id).isSorted();
    }

    @Test
    void aBlankOrOverlongNameIsRefused() {
        assertThatThrownBy(() -> projects.create(" ", newHash())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> projects.create("x".repeat(201), newHash()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> projects.create("nul\u0000name", newHash()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void apiKeysAreListedByIdAndPrefixNeverByHash() {
        String first = newHash();
        Project project = projects.create("Keys", first);
        String second = newHash();

        ApiKey created = projects.createApiKey(project.id(), second, "chk_abcd");

        assertThat(created.id()).isEqualTo(ApiKeys.keyId(second));
        assertThat(created.prefix()).contains("chk_abcd");
        assertThat(created.lastUsedAt()).isEmpty();
        assertThat(projects.listApiKeys(project.id())).extracting(ApiKey::id)
                .containsExactlyInAnyOrder(ApiKeys.keyId(first), ApiKeys.keyId(second));
        assertThat(projects.listApiKeys(project.id())).filteredOn(key -> key.id().equals(ApiKeys.keyId(first)))
                .singleElement().satisfies(key -> assertThat(key.prefix()).isEmpty());
        assertThat(projects.findByApiKeyHash(second)).contains(project);
        assertThat(projects.listApiKeys("prj_unknown")).isEmpty();
        assertThatThrownBy(() -> projects.createApiKey("prj_unknown", newHash(), "chk_x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCallersKeyIsNotRevokedWhenItIsTheLastButAnotherKeyIs() {
        String only = newHash();
        Project project = projects.create("Last", only);
        String onlyId = ApiKeys.keyId(only);

        assertThat(projects.revokeApiKey(project.id(), onlyId, Optional.of(onlyId))).isEqualTo(ApiKey.Revocation.LAST_KEY);
        assertThat(projects.findByApiKeyHash(only)).contains(project);
        assertThat(projects.revokeApiKey(project.id(), "key_unknown", Optional.of(onlyId)))
                .isEqualTo(ApiKey.Revocation.NOT_FOUND);
        Project other = projects.create("Other", newHash());
        assertThat(projects.revokeApiKey(other.id(), onlyId, Optional.empty())).isEqualTo(ApiKey.Revocation.NOT_FOUND);

        String added = newHash();
        projects.createApiKey(project.id(), added, "chk_new1");
        assertThat(projects.revokeApiKey(project.id(), onlyId, Optional.of(onlyId))).isEqualTo(ApiKey.Revocation.REVOKED);
        assertThat(projects.findByApiKeyHash(only)).isEmpty();
        assertThat(projects.revokeApiKey(project.id(), ApiKeys.keyId(added), Optional.empty()))
                .as("without a calling key (the CLI) even the last one").isEqualTo(ApiKey.Revocation.REVOKED);
    }

    @Test
    void lastUseOnlyMovesForward() {
        String hash = newHash();
        Project project = projects.create("Used", hash);
        String id = ApiKeys.keyId(hash);
        Instant later = Instant.parse("2026-03-01T10:00:00.123456Z");

        projects.recordApiKeyUse(Map.of(id, later, "key_unknown", later));
        projects.recordApiKeyUse(Map.of(id, later.minusSeconds(60)));
        projects.recordApiKeyUse(Map.of());

        assertThat(projects.listApiKeys(project.id())).singleElement()
                .satisfies(key -> assertThat(key.lastUsedAt()).contains(later));
    }

    @Test
    void keyAndOriginChangesAreAnnouncedWhenTheyCommit() throws SQLException {
        Assumptions.assumeTrue(isPostgres(), "notices exist on PostgreSQL only (H2 is one process)");
        String hash = newHash();
        Project project = projects.create("Announced", hash);
        try (Connection listening = database().dataSource().getConnection()) {
            try (Statement statement = listening.createStatement()) {
                statement.execute("LISTEN " + ChangeNotices.CHANNEL);
            }
            try {
                projects.revokeApiKey(project.id(), "key_unknown", Optional.empty());
                String added = newHash();
                projects.createApiKey(project.id(), added, "chk_ann1");
                projects.revokeApiKey(project.id(), ApiKeys.keyId(hash), Optional.empty());
                projects.setAllowedOrigins(project.id(), List.of("https://app.example.com"));

                assertThat(notices(listening)).containsExactly("api_keys:" + ApiKeys.keyId(added),
                        "api_keys:" + ApiKeys.keyId(hash), "projects:" + project.id());
            } finally {
                try (Statement statement = listening.createStatement()) {
                    statement.execute("UNLISTEN *");
                }
            }
        }
    }

    private boolean isPostgres() {
        try (Connection connection = database().dataSource().getConnection()) {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> notices(Connection listening) throws SQLException {
        List<String> payloads = new ArrayList<>();
        PGNotification[] batch;
        // the notices were sent before this runs; a short wait drains them all
        while ((batch = listening.unwrap(PGConnection.class).getNotifications(200)) != null && batch.length > 0) {
            for (PGNotification notification : batch) {
                payloads.add(notification.getParameter());
            }
        }
        return payloads;
    }

    private static String newHash() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }
}
