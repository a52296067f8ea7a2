package org.connectorhub.core.domain;

/** The provider rejected stored credentials while running an action: they were revoked or changed. */
public final class CredentialsRevokedException extends ConnectorHubException {
    public CredentialsRevokedException(String message) {
        super("credentials_rejected", message);
    }
}
