package org.connectorhub.hub.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.config.DatabaseSettings;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSessionStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dataDir;

    Database database;
    JdbcSessionStore store;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.embedded(dataDir));
        database.migrate();
        new JdbcProjectStore(database.dataSource()).createIfAbsent("p1", "P1", ApiKeys.hash(ApiKeys.newApiKey()));
        store = new JdbcSessionStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    static ConnectSession session(String id, Instant expiresAt) {
        return new ConnectSession(id, "p1", "owner", "Owner", Optional.of("owner@example.com"), Optional.of("postmark"),
                Optional.empty(), Map.of("plan", "pro"), T0, expiresAt, Optional.empty(), Optional.empty());
    }

    @Test
    void storesAndFindsBySessionTokenHashOnly() {
        String token = ApiKeys.newSessionToken();
        store.insert(session("cs_1", T0.plusSeconds(1800)), ApiKeys.hash(token));

        ConnectSession found = store.findByTokenHash(ApiKeys.hash(token)).orElseThrow();
        assertThat(found).isEqualTo(session("cs_1", T0.plusSeconds(1800)));
        assertThat(store.findByTokenHash(token)).isEmpty();
    }

    @Test
    void onlyOneClaimWinsAndAReleaseGivesItBack() {
        String hash = ApiKeys.hash(ApiKeys.newSessionToken());
        store.insert(session("cs_2", T0.plusSeconds(1800)), hash);

        assertThat(store.claim("cs_2", T0)).isTrue();
        assertThat(store.claim("cs_2", T0)).isFalse();
        store.release("cs_2");
        assertThat(store.claim("cs_2", T0)).isTrue();
        store.linked("cs_2", "acc_1");
        store.release("cs_2");
        ConnectSession used = store.findByTokenHash(hash).orElseThrow();
        assertThat(used.used()).isTrue();
        assertThat(used.linkedAccountId()).contains("acc_1");
    }

    @Test
    void purgesExpiredSessions() {
        store.insert(session("cs_old", T0.plusSeconds(60)), ApiKeys.hash(ApiKeys.newSessionToken()));
        String fresh = ApiKeys.hash(ApiKeys.newSessionToken());
        store.insert(session("cs_new", T0.plusSeconds(86400)), fresh);

        assertThat(store.purgeExpired(T0.plusSeconds(3600))).isEqualTo(1);
        assertThat(store.findByTokenHash(fresh)).isPresent();
    }
}
