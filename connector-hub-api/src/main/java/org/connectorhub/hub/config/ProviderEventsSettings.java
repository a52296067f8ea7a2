package org.connectorhub.hub.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Provider events settings (the {@code providerEvents} section of {@link HubConfig}), from
 * {@code HUB_PROVIDER_EVENTS_*} variables.
 *
 * @param allowPrivate {@code HUB_PROVIDER_EVENTS_ALLOW_PRIVATE} (false): accept a public URL that a
 *                     provider cannot reach (localhost, loopback, private ranges); for tests
 * @param pollInterval {@code HUB_PROVIDER_EVENTS_POLL_INTERVAL} (2s): how often pending subscription
 *                     work (link, re-link, setting change, re-check, unlink) is looked for
 * @param retryBase    {@code HUB_PROVIDER_EVENTS_RETRY_BASE} (30s): first retry after a provider
 *                     outage; each next one doubles, up to an hour
 */
public record ProviderEventsSettings(boolean allowPrivate, Duration pollInterval, Duration retryBase) {
    public ProviderEventsSettings {
        requireNonNull(pollInterval, "pollInterval is null");
        requireNonNull(retryBase, "retryBase is null");
        if (pollInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("HUB_PROVIDER_EVENTS_POLL_INTERVAL must be at least 10 ms");
        }
        if (retryBase.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("HUB_PROVIDER_EVENTS_RETRY_BASE must be at least 10 ms");
        }
    }

    public static ProviderEventsSettings defaults() {
        return new ProviderEventsSettings(false, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }
}
