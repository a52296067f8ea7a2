package org.connectorhub.hub.operability;

import org.connectorhub.hub.lifecycle.GracefulShutdown;
import org.connectorhub.hub.lifecycle.Lifecycle;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.connectorhub.hub.idempotency.JdbcIdempotencyStore;
import org.connectorhub.hub.sessions.JdbcSessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly: forgets idempotency keys past their retention and sessions expired a day ago, and runs the
 * {@link HousekeepingTask}s other slices contribute (activity log and audit trail retention).
 */
@Singleton
public final class Housekeeping implements Lifecycle {
    static final Duration EXPIRED_SESSIONS_KEPT = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcIdempotencyStore idempotencyKeys;
    private final JdbcSessionStore sessions;
    private final Clock clock;
    private final Set<HousekeepingTask> tasks;
    private ScheduledExecutorService scheduler;

    @Inject
    public Housekeeping(JdbcIdempotencyStore idempotencyKeys, JdbcSessionStore sessions, Clock clock,
            Set<HousekeepingTask> tasks) {
        this.idempotencyKeys = requireNonNull(idempotencyKeys, "idempotencyKeys is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tasks = Set.copyOf(requireNonNull(tasks, "tasks is null"));
    }

    @Override
    public int phase() {
        return BOOTSTRAP + 50;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runOnce, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            GracefulShutdown.stop(scheduler, Duration.ofSeconds(10));
            scheduler = null;
        }
    }

    /** One round; failures are logged and retried next round. */
    public void runOnce() {
        try {
            int keys = idempotencyKeys.purge(clock.instant());
            int expired = sessions.purgeExpired(clock.instant().minus(EXPIRED_SESSIONS_KEPT));
            LOG.debug("housekeeping removed {} idempotency keys and {} expired sessions", keys, expired);
        } catch (RuntimeException e) {
            LOG.warn("housekeeping failed: {}", e.getClass().getSimpleName());
        }
        for (HousekeepingTask task : tasks) {
            try {
                int removed = task.run(clock.instant());
                LOG.debug("housekeeping: {} removed {}", task.name(), removed);
            } catch (RuntimeException e) {
                LOG.warn("housekeeping of {} failed: {}", task.name(), e.getClass().getSimpleName());
            }
        }
    }
}
