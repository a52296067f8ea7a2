package org.connectorhub.testkit.example.calendly;

import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.core.spi.ConnectorFactory;

/**
 * The Calendly connector's entry point, listed in
 * {@code META-INF/services/org.connectorhub.core.spi.ConnectorFactory}. Builds the connector
 * without any I/O.
 */
public final class CalendlyConnectorFactory implements ConnectorFactory {
    public static final String PROVIDER = "calendly";

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        return new CalendlyConnector(CalendlyApi.from(config));
    }
}
