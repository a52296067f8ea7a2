package org.connectorhub.hub.activity;

import org.connectorhub.hub.config.ActivitySettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.domain.Caller;
import org.junit.jupiter.api.Test;

/** The writer's queue in isolation (a unit test: the store is a stand-in that can stall or fail). */
class ActivityWriterTest {
    static ActivityEntry entry(int n) {
        return new ActivityEntry("log_" + n, Instant.now(), "prj", "acc", "postmark", "action", "send_email",
                new Caller(Caller.Kind.API_KEY, "key_1"), 200, Optional.empty(), 10, Map.of(), Optional.empty(), false,
                Optional.empty(), Optional.empty());
    }

    /** Records what it is given; blocks while {@code stalled} is held. */
    static final class StallingStore implements ActivityStore {
        final List<String> written = new ArrayList<>();
        volatile int count;

        int writtenCount() {
            return count;
        }
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        volatile boolean stall = true;
        volatile boolean fail;

        @Override
        public synchronized void insert(List<ActivityEntry> entries) {
            entered.countDown();
            if (stall) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fail) {
                throw new IllegalStateException("database down");
            }
            entries.forEach(e -> written.add(e.id()));
            count = written.size();
        }

        @Override
        public Optional<ActivityEntry> find(String projectId, String id) {
            return Optional.empty();
        }

        @Override
        public List<ActivityEntry> list(ActivityQuery query) {
            return List.of();
        }

        @Override
        public int deleteOlderThan(Instant cutoff, int limit) {
            return 0;
        }
    }

    @Test
    void aStalledDatabaseNeverBlocksRecordingAndTheOldestAreDroppedAndCounted() throws Exception {
        StallingStore store = new StallingStore();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ActivityWriter writer = new ActivityWriter(store, new ActivitySettings(true, false, Duration.ofDays(1), 5, 2), meters);
        writer.start();
        writer.record(entry(0));
        assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds entry 0, stalled

        for (int i = 1; i <= 100; i++) {
            writer.record(entry(i));
        }

        // had recording waited for the store, the stall would have timed out and entry 0 been written by now
        assertThat(store.writtenCount()).as("all 100 recorded while the store was stalled").isZero();
        assertThat(writer.droppedCount()).isEqualTo(95);
        assertThat(meters.get("hub.activity.dropped").counter().count()).isEqualTo(95);
        store.stall = false;
        store.release.countDown();
        writer.stop();
        // the one in flight and the newest five survive
        assertThat(store.written).containsExactly("log_0", "log_96", "log_97", "log_98", "log_99", "log_100");
    }

    @Test
    void aFailedWriteIsCountedAndTheWriterGoesOn() {
        StallingStore store = new StallingStore();
        store.stall = false;
        store.fail = true;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ActivityWriter writer = new ActivityWriter(store, new ActivitySettings(true, false, Duration.ofDays(1), 100, 10), meters);
        writer.record(entry(1));
        writer.flush();
        store.fail = false;
        writer.record(entry(2));
        writer.flush();

        assertThat(meters.get("hub.activity.failed").counter().count()).isEqualTo(1);
        assertThat(store.written).containsExactly("log_2");
    }

    @Test
    void stopWritesEverythingStillQueued() {
        StallingStore store = new StallingStore();
        store.stall = false;
        ActivityWriter writer = new ActivityWriter(store, new ActivitySettings(true, false, Duration.ofDays(1), 1000, 7),
                new SimpleMeterRegistry());
        writer.start();
        for (int i = 0; i < 50; i++) {
            writer.record(entry(i));
        }
        writer.stop();

        assertThat(store.written).hasSize(50);
    }
}
