package org.connectorhub.core.domain;

/** No such account in this project (accounts of other projects are reported the same way). */
public final class AccountNotFoundException extends ConnectorHubException {
    public AccountNotFoundException(String message) {
        super("account_not_found", message);
    }
}
