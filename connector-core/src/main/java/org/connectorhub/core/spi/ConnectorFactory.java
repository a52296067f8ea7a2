package org.connectorhub.core.spi;

import java.util.Set;

/**
 * The entry point of a connector module, found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.connectorhub.core.spi.ConnectorFactory}, so the core needs no
 * dependency injection framework.
 */
public interface ConnectorFactory {
    /** Provider key, the same as the created connector's descriptor says. */
    String provider();

    /** Builds the connector; no network I/O here. */
    Connector create(ConnectorConfig config);

    /**
     * The {@link ConnectorConfig} keys this connector reads, so the hub can point at a mistyped
     * {@code HUB_<PROVIDER>_<KEY>} variable and offer a flag for each. Defaults to the common ones.
     */
    default Set<String> settingKeys() {
        return ConnectorConfig.COMMON_KEYS;
    }
}
