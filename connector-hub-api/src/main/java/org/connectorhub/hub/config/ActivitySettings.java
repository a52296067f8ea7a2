package org.connectorhub.hub.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Activity log settings (the {@code logs} section of {@link HubConfig}), from {@code HUB_LOGS_*} variables.
 *
 * <ul>
 *   <li>{@code HUB_LOGS_ENABLED} (true): false records nothing (benchmarks compare with it).
 *   <li>{@code HUB_LOGS_BODIES} (false): keep request and response bodies, redacted and cut at 16 KB.
 *   <li>{@code HUB_LOGS_RETENTION} (30d): entries older than this are deleted by housekeeping.
 *   <li>{@code HUB_LOGS_QUEUE} (10000): entries waiting to be written; beyond, the oldest are dropped.
 *   <li>{@code HUB_LOGS_BATCH_SIZE} (500): entries written per insert batch.
 * </ul>
 * A crash (SIGKILL, power loss) loses at most the entries waiting: queue plus one batch in flight.
 */
public record ActivitySettings(boolean enabled, boolean bodies, Duration retention, int queueCapacity, int batchSize) {
    public static final int MAX_BODY_CHARS = 16 * 1024;

    public ActivitySettings {
        requireNonNull(retention, "retention is null");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("HUB_LOGS_RETENTION must be positive");
        }
        if (queueCapacity < 1 || queueCapacity > 10_000_000) {
            throw new IllegalArgumentException("HUB_LOGS_QUEUE must be between 1 and 10000000: " + queueCapacity);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("HUB_LOGS_BATCH_SIZE must be between 1 and 10000: " + batchSize);
        }
    }

    public static ActivitySettings defaults() {
        return new ActivitySettings(true, false, Duration.ofDays(30), 10_000, 500);
    }

    /** The most entries a crash can lose: everything queued and one batch being written. */
    public int maxLostOnCrash() {
        return queueCapacity + batchSize;
    }
}
