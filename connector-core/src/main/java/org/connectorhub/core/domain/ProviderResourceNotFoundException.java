package org.connectorhub.core.domain;

/** The provider has no such entity (a template, a bounce, a server ...). */
public final class ProviderResourceNotFoundException extends ConnectorHubException {
    public ProviderResourceNotFoundException(String message) {
        super("provider_resource_not_found", message);
    }
}
