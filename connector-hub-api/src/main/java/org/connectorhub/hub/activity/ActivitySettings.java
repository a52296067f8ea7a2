package org.connectorhub.hub.activity;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.webhooks.WebhookSettings;

/**
 * Activity log settings, from {@code HUB_LOGS_*} variables.
 *
 * <ul>
 *   <li>{@code HUB_LOGS_ENABLED} (true): false records nothing (benchmarks compare with it).
 *   <li>{@code HUB_LOGS_BODIES} (false): keep request and response bodies, redacted and cut at 16 KB.
 *   <li>{@code HUB_LOGS_RETENTION} (30d): entries older than this are deleted by housekeeping.
 *   <li>{@code HUB_LOGS_QUEUE} (10000): entries waiting to be written; beyond, the oldest are dropped.
 *   <li>{@code HUB_LOGS_BATCH_SIZE} (200): entries written per insert batch.
 * </ul>
 * A crash (SIGKILL, power loss) loses at most the entries waiting: queue plus one batch in flight.
 */
public record ActivitySettings(boolean enabled, boolean bodies, Duration retention, int queueCapacity, int batchSize) {
    public static final String PREFIX = "logs";
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
        return new ActivitySettings(true, false, Duration.ofDays(30), 10_000, 200);
    }

    public static ActivitySettings from(HubConfig config) {
        ConnectorConfig values = config.connectorConfig(PREFIX);
        ActivitySettings defaults = defaults();
        return new ActivitySettings(
                values.get("enabled").map(v -> bool("HUB_LOGS_ENABLED", v)).orElse(defaults.enabled()),
                values.get("bodies").map(v -> bool("HUB_LOGS_BODIES", v)).orElse(defaults.bodies()),
                values.get("retention").map(v -> WebhookSettings.parseDuration("HUB_LOGS_RETENTION", v))
                        .orElse(defaults.retention()),
                values.get("queue").map(v -> integer("HUB_LOGS_QUEUE", v)).orElse(defaults.queueCapacity()),
                values.get("batch_size").map(v -> integer("HUB_LOGS_BATCH_SIZE", v)).orElse(defaults.batchSize()));
    }

    /** The most entries a crash can lose: everything queued and one batch being written. */
    public int maxLostOnCrash() {
        return queueCapacity + batchSize;
    }

    private static boolean bool(String name, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false: " + value);
        };
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + value);
        }
    }
}
