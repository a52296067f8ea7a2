package org.connectorhub.hub.config;

import java.util.Locale;
import java.util.Map;
import org.connectorhub.core.spi.ConnectorConfig;
import org.immutables.value.Value;

/**
 * The settings of each installed connector, from {@code HUB_<PROVIDER>_<KEY>} (e.g.
 * {@code HUB_POSTMARK_BASE_URL} is {@code base_url} of {@code postmark}). Values are redacted in
 * {@link #toString()}: a connector may take a secret this way.
 */
@Value.Immutable
public abstract class ConnectorsConfig {
    /** Provider to its settings; a provider with none is absent. */
    @Value.Redacted
    public abstract Map<String, ConnectorConfig> settings();

    /** The settings of one connector; empty when none are given. */
    public ConnectorConfig of(String provider) {
        return settings().getOrDefault(provider.toLowerCase(Locale.ROOT), ConnectorConfig.empty());
    }
}
