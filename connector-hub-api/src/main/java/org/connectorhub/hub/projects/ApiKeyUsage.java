package org.connectorhub.hub.projects;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.connectorhub.hub.lifecycle.GracefulShutdown;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each API key was last used, kept in memory per request and written in one batch every
 * {@link #FLUSH_EVERY} (and on stop), not one write per call: {@code last_used_at} is about a
 * minute behind at most.
 */
@Singleton
public final class ApiKeyUsage implements Lifecycle {
    static final Duration FLUSH_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyUsage.class);

    private final ProjectStore projects;
    private final Clock clock;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    @Inject
    public ApiKeyUsage(ProjectStore projects, Clock clock) {
        this.projects = requireNonNull(projects, "projects is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The key {@code keyId} was just used. */
    public void used(String keyId) {
        pending.put(keyId, clock.instant());
    }

    /** Writes what was used since the last flush. */
    public void flush() {
        Map<String, Instant> batch = new HashMap<>();
        for (String keyId : pending.keySet()) {
            Instant at = pending.remove(keyId);
            if (at != null) {
                batch.put(keyId, at);
            }
        }
        try {
            projects.recordApiKeyUse(batch);
        } catch (RuntimeException e) {
            // put back what is not newer already; next round retries
            batch.forEach((keyId, at) -> pending.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b));
            LOG.warn("recording API key use failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public int phase() {
        return BOOTSTRAP + 60;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-api-key-usage");
            thread.setDaemon(true);
            return thread;
        });
        long seconds = FLUSH_EVERY.toSeconds();
        scheduler.scheduleWithFixedDelay(this::flush, seconds, seconds, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            GracefulShutdown.stop(scheduler, Duration.ofSeconds(10));
            scheduler = null;
            flush();
        }
    }
}
