package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/** The provider could not answer (timeout, 5xx, 429, unreadable body). Not the user's fault. */
public final class ProviderUnavailableException extends ConnectorHubException {
    private final transient Optional<Duration> retryAfter;

    public ProviderUnavailableException(String message, Optional<Duration> retryAfter) {
        super("provider_unavailable", message);
        this.retryAfter = requireNonNull(retryAfter, "retryAfter is null");
    }

    public ProviderUnavailableException(String message, Optional<Duration> retryAfter, Throwable cause) {
        super("provider_unavailable", message, cause);
        this.retryAfter = requireNonNull(retryAfter, "retryAfter is null");
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
