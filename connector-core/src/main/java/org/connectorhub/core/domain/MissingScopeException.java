package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

/** The action needs a scope the account was not granted; the message says what to add. */
public final class MissingScopeException extends ConnectorHubException {
    private final String scope;

    public MissingScopeException(String scope, String message) {
        super("missing_scope", message);
        this.scope = requireNonNull(scope, "scope is null");
    }

    public String scope() {
        return scope;
    }
}
