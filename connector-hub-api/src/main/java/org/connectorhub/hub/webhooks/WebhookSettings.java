package org.connectorhub.hub.webhooks;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.hub.config.HubConfig;

/**
 * Webhook delivery settings, from {@code HUB_WEBHOOKS_*} variables (they reach {@link HubConfig}
 * like any other {@code HUB_<NAME>_<KEY>} variable). Durations are ISO-8601 ({@code PT30S}) or a
 * number with a unit ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 3d}).
 *
 * <ul>
 *   <li>{@code HUB_WEBHOOKS_ALLOW_PRIVATE} (false): allow loopback and private addresses as endpoints.
 *   <li>{@code HUB_WEBHOOKS_RETRY_BASE} (30s): the first retry delay; each next one doubles, with jitter.
 *   <li>{@code HUB_WEBHOOKS_RETRY_MAX_DELAY} (1h): the longest delay between two attempts.
 *   <li>{@code HUB_WEBHOOKS_RETRY_FOR} (3d): how long after the event attempts go on before it is given up.
 *   <li>{@code HUB_WEBHOOKS_TIMEOUT} (10s): the whole request, connect included.
 *   <li>{@code HUB_WEBHOOKS_CONCURRENCY} (8): requests in flight per hub.
 *   <li>{@code HUB_WEBHOOKS_POLL_INTERVAL} (1s): how often the outbox is read.
 * </ul>
 */
public record WebhookSettings(
        boolean allowPrivateAddresses,
        Duration retryBase,
        Duration retryMaxDelay,
        Duration retryFor,
        Duration timeout,
        int concurrency,
        Duration pollInterval) {

    public static final String PREFIX = "webhooks";

    public WebhookSettings {
        requireNonNull(retryBase, "retryBase is null");
        requireNonNull(retryMaxDelay, "retryMaxDelay is null");
        requireNonNull(retryFor, "retryFor is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(pollInterval, "pollInterval is null");
        positive("HUB_WEBHOOKS_RETRY_BASE", retryBase);
        positive("HUB_WEBHOOKS_RETRY_MAX_DELAY", retryMaxDelay);
        positive("HUB_WEBHOOKS_RETRY_FOR", retryFor);
        positive("HUB_WEBHOOKS_TIMEOUT", timeout);
        positive("HUB_WEBHOOKS_POLL_INTERVAL", pollInterval);
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("HUB_WEBHOOKS_CONCURRENCY must be between 1 and 256: " + concurrency);
        }
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(false, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(3),
                Duration.ofSeconds(10), 8, Duration.ofSeconds(1));
    }

    public static WebhookSettings from(HubConfig config) {
        ConnectorConfig values = config.connectorConfig(PREFIX);
        WebhookSettings defaults = defaults();
        return new WebhookSettings(
                values.get("allow_private").map(v -> bool("HUB_WEBHOOKS_ALLOW_PRIVATE", v)).orElse(false),
                duration(values, "retry_base", defaults.retryBase()),
                duration(values, "retry_max_delay", defaults.retryMaxDelay()),
                duration(values, "retry_for", defaults.retryFor()),
                duration(values, "timeout", defaults.timeout()),
                values.get("concurrency").map(v -> integer("HUB_WEBHOOKS_CONCURRENCY", v)).orElse(defaults.concurrency()),
                duration(values, "poll_interval", defaults.pollInterval()));
    }

    /** The delay before attempt {@code attempt + 1} after {@code attempt} failed ones, before jitter. */
    public Duration backoff(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 40));
        long millis = retryBase.toMillis();
        for (int i = 0; i < doublings && millis < retryMaxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, retryMaxDelay.toMillis()));
    }

    static Duration duration(ConnectorConfig values, String key, Duration fallback) {
        return values.get(key).map(v -> parseDuration("HUB_" + PREFIX.toUpperCase(Locale.ROOT) + "_"
                + key.toUpperCase(Locale.ROOT), v)).orElse(fallback);
    }

    /** ISO-8601, or a number with ms, s, m, h or d. */
    public static Duration parseDuration(String name, String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).strip()));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1).strip());
            switch (text.charAt(text.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(amount);
                case 'm':
                    return Duration.ofMinutes(amount);
                case 'h':
                    return Duration.ofHours(amount);
                case 'd':
                    return Duration.ofDays(amount);
                default:
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(name + " must be a duration such as 30s, 5m, 24h or PT24H: " + value);
    }

    static boolean bool(String name, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false: " + value);
    }

    static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
