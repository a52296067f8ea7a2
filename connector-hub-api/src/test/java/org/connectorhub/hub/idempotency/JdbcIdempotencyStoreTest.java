package org.connectorhub.hub.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.idempotency.IdempotencyStore.Reservation;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.config.DatabaseSettings;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcIdempotencyStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dataDir;

    Database database;
    JdbcIdempotencyStore store;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.embedded(dataDir));
        database.migrate();
        new JdbcProjectStore(database.dataSource()).createIfAbsent("p1", "P1", ApiKeys.hash(ApiKeys.newApiKey()));
        store = new JdbcIdempotencyStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theFirstCallerReservesLaterCallersSeeProgressThenTheResponse() {
        assertThat(store.reserve("p1", "k", "f", T0)).isInstanceOf(Reservation.Reserved.class);
        assertThat(store.reserve("p1", "k", "f", T0)).isEqualTo(new Reservation.InProgress("f"));

        store.complete("p1", "k", 201, "{\"id\":1}");

        assertThat(store.reserve("p1", "k", "f", T0.plusSeconds(60))).isEqualTo(new Reservation.Completed("f", 201, "{\"id\":1}"));
    }

    @Test
    void aReleasedKeyCanBeReservedAgain() {
        store.reserve("p1", "k", "f", T0);
        store.release("p1", "k");
        assertThat(store.reserve("p1", "k", "f", T0)).isInstanceOf(Reservation.Reserved.class);
    }

    @Test
    void anAbandonedReservationAndAnOldResponseAreForgotten() {
        store.reserve("p1", "dead", "f", T0);
        assertThat(store.reserve("p1", "dead", "f", T0.plus(Duration.ofMinutes(1))))
                .isInstanceOf(Reservation.InProgress.class);
        assertThat(store.reserve("p1", "dead", "f", T0.plus(JdbcIdempotencyStore.ABANDONED_AFTER).plusSeconds(1)))
                .isInstanceOf(Reservation.Reserved.class);

        store.reserve("p1", "old", "f", T0);
        store.complete("p1", "old", 200, "{}");
        assertThat(store.reserve("p1", "old", "f", T0.plus(Duration.ofHours(23))))
                .isInstanceOf(Reservation.Completed.class);
        assertThat(store.purge(T0.plus(JdbcIdempotencyStore.RETENTION).plusSeconds(600))).isEqualTo(2);
        assertThat(store.reserve("p1", "old", "f", T0.plus(Duration.ofHours(25))))
                .isInstanceOf(Reservation.Reserved.class);
    }

    @Test
    void keysAreScopedToTheProject() {
        new JdbcProjectStore(database.dataSource()).createIfAbsent("p2", "P2", ApiKeys.hash(ApiKeys.newApiKey()));
        store.reserve("p1", "k", "f", T0);
        assertThat(store.reserve("p2", "k", "f", T0)).isInstanceOf(Reservation.Reserved.class);
    }

    @Test
    void exactlyOneOfManyConcurrentCallersReserves() throws Exception {
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Reservation>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return store.reserve("p1", "race", "f", T0);
                }, pool));
            }
            go.countDown();
            List<Reservation> all = results.stream().map(CompletableFuture::join).toList();
            assertThat(all).filteredOn(r -> r instanceof Reservation.Reserved).hasSize(1);
            assertThat(all).filteredOn(r -> r instanceof Reservation.InProgress).hasSize(callers - 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
