package org.connectorhub.core.domain;

/** No connector is installed for the provider. */
public final class UnknownProviderException extends ConnectorHubException {
    public UnknownProviderException(String message) {
        super("unknown_provider", message);
    }
}
