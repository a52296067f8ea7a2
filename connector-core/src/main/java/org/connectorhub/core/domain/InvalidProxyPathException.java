package org.connectorhub.core.domain;

/**
 * A proxied path that could leave the provider's base URL, or that the connector will not proxy.
 * Refused before any provider call; the message describes the problem without repeating the path.
 */
public final class InvalidProxyPathException extends ConnectorHubException {
    public InvalidProxyPathException(String message) {
        super("invalid_proxy_path", message);
    }
}
