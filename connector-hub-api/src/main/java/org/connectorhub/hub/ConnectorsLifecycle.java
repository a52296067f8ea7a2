package org.connectorhub.hub;

import org.connectorhub.hub.lifecycle.Lifecycle;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.spi.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the installed connectors on start and releases their clients on stop. */
@Singleton
public final class ConnectorsLifecycle implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorsLifecycle.class);

    private final Provider<ConnectorRegistry> registry;

    @Inject
    public ConnectorsLifecycle(Provider<ConnectorRegistry> registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public int phase() {
        return CONNECTORS;
    }

    @Override
    public void start() {
        LOG.info("connectors: {}", registry.get().all().stream().map(c -> c.descriptor().provider()).toList());
    }

    @Override
    public void stop() {
        for (Connector connector : registry.get().all()) {
            try {
                connector.close();
            } catch (RuntimeException e) {
                LOG.warn("connector {} did not close cleanly: {}", connector.descriptor().provider(),
                        e.getClass().getSimpleName());
            }
        }
    }
}
