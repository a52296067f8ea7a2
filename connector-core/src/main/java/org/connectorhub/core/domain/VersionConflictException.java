package org.connectorhub.core.domain;

/** The account changed since it was read (optimistic version). */
public final class VersionConflictException extends ConnectorHubException {
    public VersionConflictException(String message) {
        super("version_conflict", message);
    }
}
