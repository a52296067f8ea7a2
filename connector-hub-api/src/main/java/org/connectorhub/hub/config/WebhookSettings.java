package org.connectorhub.hub.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Webhook delivery settings (the {@code webhooks} section of {@link HubConfig}), from
 * {@code HUB_WEBHOOKS_*} variables; durations as {@link Durations} reads them.
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

    /** The delay before attempt {@code attempt + 1} after {@code attempt} failed ones, before jitter. */
    public Duration backoff(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 40));
        long millis = retryBase.toMillis();
        for (int i = 0; i < doublings && millis < retryMaxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, retryMaxDelay.toMillis()));
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
