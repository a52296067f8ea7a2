package org.connectorhub.hub.health;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.webhooks.WebhookSettings;

/**
 * Health re-check settings, from {@code HUB_RECHECK_*} variables:
 * {@code HUB_RECHECK_INTERVAL} (24h) between two checks of an account;
 * {@code HUB_RECHECK_CONCURRENCY} (4) checks at once per provider;
 * {@code HUB_RECHECK_TICK} (1m) how often the scheduler looks for due accounts.
 */
public record RecheckSettings(Duration interval, int concurrencyPerProvider, Duration tick) {
    public static final String PREFIX = "recheck";

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

    public static RecheckSettings from(HubConfig config) {
        ConnectorConfig values = config.connectorConfig(PREFIX);
        RecheckSettings defaults = defaults();
        return new RecheckSettings(
                values.get("interval").map(v -> WebhookSettings.parseDuration("HUB_RECHECK_INTERVAL", v))
                        .orElse(defaults.interval()),
                values.get("concurrency").map(v -> parse("HUB_RECHECK_CONCURRENCY", v))
                        .orElse(defaults.concurrencyPerProvider()),
                values.get("tick").map(v -> WebhookSettings.parseDuration("HUB_RECHECK_TICK", v))
                        .orElse(defaults.tick()));
    }

    private static int parse(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + value);
        }
    }
}
