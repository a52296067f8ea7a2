package org.connectorhub.hub;

import org.connectorhub.hub.config.ConnectorsConfig;
import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import java.util.Map;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorDiscovery;
import org.connectorhub.core.spi.ConnectorFactory;
import org.connectorhub.hub.lifecycle.Lifecycle;

/**
 * Every connector factory contributes one entry to {@code MapBinder<String, Connector>}; the
 * connector is created lazily, once, with its {@code HUB_<PROVIDER>_*} settings.
 */
public final class ConnectorsModule extends AbstractModule {
    private final Map<String, ConnectorFactory> factories;

    public ConnectorsModule(Map<String, ConnectorFactory> factories) {
        this.factories = Map.copyOf(requireNonNull(factories, "factories is null"));
    }

    /** The factories found on the class path with {@link java.util.ServiceLoader}. */
    public static ConnectorsModule discovered() {
        return new ConnectorsModule(ConnectorDiscovery.factories(ConnectorsModule.class.getClassLoader()));
    }

    @Override
    protected void configure() {
        MapBinder<String, Connector> connectors = MapBinder.newMapBinder(binder(), String.class, Connector.class);
        factories.forEach((provider, factory) ->
                connectors.addBinding(provider).toProvider(new FactoryProvider(factory)).in(Singleton.class));
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(ConnectorsLifecycle.class);
    }

    @Provides
    @Singleton
    ConnectorRegistry registry(Map<String, Connector> connectors) {
        return ConnectorRegistry.of(connectors);
    }

    /** Calls {@link ConnectorFactory#create} when the connector is first needed. */
    static final class FactoryProvider implements Provider<Connector> {
        private final ConnectorFactory factory;
        private ConnectorsConfig config;

        FactoryProvider(ConnectorFactory factory) {
            this.factory = requireNonNull(factory, "factory is null");
        }

        @Inject
        void setConfig(ConnectorsConfig config) {
            this.config = requireNonNull(config, "config is null");
        }

        @Override
        public Connector get() {
            return factory.create(config.of(factory.provider()));
        }
    }
}
