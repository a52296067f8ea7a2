package org.connectorhub.core.domain;

/** The provider account is already linked for this owner (a unique constraint said so). */
public final class DuplicateAccountException extends ConnectorHubException {
    public DuplicateAccountException(String message) {
        super("duplicate_account", message);
    }
}
