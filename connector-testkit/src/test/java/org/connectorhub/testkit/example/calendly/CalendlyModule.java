package org.connectorhub.testkit.example.calendly;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorConfig;

/** Contributes Calendly to the hub's {@code MapBinder<String, Connector>}; binds only, no I/O. */
public final class CalendlyModule extends AbstractModule {
    private final ConnectorConfig config;

    public CalendlyModule(ConnectorConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @ProvidesIntoMap
    @StringMapKey(CalendlyConnectorFactory.PROVIDER)
    @Singleton
    Connector calendly() {
        return new CalendlyConnectorFactory().create(config);
    }
}
