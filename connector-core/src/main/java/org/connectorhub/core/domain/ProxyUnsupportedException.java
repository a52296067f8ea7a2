package org.connectorhub.core.domain;

/** The account's connector offers no passthrough to its provider's API. */
public final class ProxyUnsupportedException extends ConnectorHubException {
    public ProxyUnsupportedException(String message) {
        super("proxy_unsupported", message);
    }
}
