package org.connectorhub.core.domain;

/** The connector has no action of that name. */
public final class UnknownActionException extends ConnectorHubException {
    public UnknownActionException(String message) {
        super("unknown_action", message);
    }
}
