package org.connectorhub.hub.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Health re-check settings (the {@code rechecks} section of {@link HubConfig}), from {@code HUB_RECHECK_*} variables:
 * {@code HUB_RECHECK_INTERVAL} (24h) between two checks of an account;
 * {@code HUB_RECHECK_CONCURRENCY} (4) checks at once per provider;
 * {@code HUB_RECHECK_TICK} (1m) how often the scheduler looks for due accounts.
 */
public record RecheckSettings(Duration interval, int concurrencyPerProvider, Duration tick) {
    public RecheckSettings {
        requireNonNull(interval, "interval is null");
        requireNonNull(tick, "tick is null");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("HUB_RECHECK_INTERVAL must be at least one second");
        }
        if (tick.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("HUB_RECHECK_TICK must be at least 10 ms");
        }
        if (concurrencyPerProvider < 1 || concurrencyPerProvider > 64) {
            throw new IllegalArgumentException("HUB_RECHECK_CONCURRENCY must be between 1 and 64: " + concurrencyPerProvider);
        }
    }

    public static RecheckSettings defaults() {
        return new RecheckSettings(Duration.ofHours(24), 4, Duration.ofMinutes(1));
    }
}
