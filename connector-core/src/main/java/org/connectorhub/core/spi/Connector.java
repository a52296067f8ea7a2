package org.connectorhub.core.spi;

import java.util.List;
import java.util.Optional;
import org.connectorhub.core.domain.ConnectorDescriptor;

/** A provider, as the hub sees it: what it asks for, how it verifies, what it can do. */
public interface Connector {
    ConnectorDescriptor descriptor();

    AuthVerifier verifier();

    /** The action catalogue; a connector without actions keeps this default. */
    default List<ConnectorAction> actions() {
        return List.of();
    }

    default Optional<ConnectorAction> action(String name) {
        return actions().stream().filter(a -> a.descriptor().name().equals(name)).findFirst();
    }

    /** Releases clients and threads; the default holds none. */
    default void close() {
    }
}
