package org.connectorhub.hub.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/** The {@code audit} section of {@link HubConfig}: {@code HUB_AUDIT_RETENTION}, unset (the default) keeps audit entries for ever. */
public record AuditSettings(Optional<Duration> retention) {
    public AuditSettings {
        requireNonNull(retention, "retention is null");
        retention.ifPresent(r -> {
            if (r.isNegative() || r.isZero()) {
                throw new IllegalArgumentException("HUB_AUDIT_RETENTION must be positive");
            }
        });
    }
}
