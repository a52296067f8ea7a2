package org.connectorhub.hub.audit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.webhooks.WebhookSettings;

/** {@code HUB_AUDIT_RETENTION}: unset (the default) keeps audit entries for ever. */
public record AuditSettings(Optional<Duration> retention) {
    public static final String PREFIX = "audit";

    public AuditSettings {
        requireNonNull(retention, "retention is null");
        retention.ifPresent(r -> {
            if (r.isNegative() || r.isZero()) {
                throw new IllegalArgumentException("HUB_AUDIT_RETENTION must be positive");
            }
        });
    }

    public static AuditSettings from(HubConfig config) {
        return new AuditSettings(config.connectorConfig(PREFIX).get("retention")
                .map(v -> WebhookSettings.parseDuration("HUB_AUDIT_RETENTION", v)));
    }
}
