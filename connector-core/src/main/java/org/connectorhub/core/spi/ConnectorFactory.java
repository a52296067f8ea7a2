package org.connectorhub.core.spi;

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
}
