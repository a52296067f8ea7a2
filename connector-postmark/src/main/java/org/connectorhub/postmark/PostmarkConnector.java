package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.connectorhub.core.domain.ConnectorDescriptor;
import org.connectorhub.core.spi.AuthVerifier;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.core.spi.ProviderEvents;
import org.connectorhub.core.spi.ProxySupport;

/** Postmark as the hub sees it: two token fields, an honest verifier and the action catalogue. */
public final class PostmarkConnector implements Connector {
    private final ConnectorDescriptor descriptor = PostmarkCredentialSchema.descriptor();
    private final PostmarkClients clients;
    private final PostmarkAuthVerifier verifier;
    private final List<ConnectorAction> actions;
    private final PostmarkProxySupport proxy;
    private final PostmarkProviderEvents events;

    PostmarkConnector(PostmarkClients clients, PostmarkAuthVerifier verifier, PostmarkActions actions) {
        this.clients = requireNonNull(clients, "clients is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.actions = requireNonNull(actions, "actions is null").all();
        // the proxy sends through the same connection pool as the Feign clients
        this.proxy = new PostmarkProxySupport(clients.settings(), () -> clients.http().httpClient(), clients.mapper());
        this.events = new PostmarkProviderEvents(clients);
    }

    /** Everything from one set of settings; no I/O until the first call. */
    static PostmarkConnector create(PostmarkSettings settings) {
        PostmarkClients clients = new PostmarkClients(settings);
        return new PostmarkConnector(clients, new PostmarkAuthVerifier(clients), new PostmarkActions(clients));
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public AuthVerifier verifier() {
        return verifier;
    }

    @Override
    public List<ConnectorAction> actions() {
        return actions;
    }

    @Override
    public Optional<ProxySupport> proxy() {
        return Optional.of(proxy);
    }

    @Override
    public Optional<ProviderEvents> providerEvents() {
        return Optional.of(events);
    }

    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return "PostmarkConnector{" + clients.settings().baseUrl() + "}";
    }
}
