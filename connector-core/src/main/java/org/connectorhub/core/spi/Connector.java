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

    /** The passthrough to the provider's API; a connector without one keeps this default (calls answer {@code proxy_unsupported}). */
    default Optional<ProxySupport> proxy() {
        return Optional.empty();
    }

    /** The provider's events (webhooks) for linked accounts; a connector without them keeps this default. */
    default Optional<ProviderEvents> providerEvents() {
        return Optional.empty();
    }

    /** Releases clients and threads; the default holds none. */
    default void close() {
    }
}
