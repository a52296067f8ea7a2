package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A signed-in operator: one project, seen last at {@code lastSeenAt} (idle expiry counts from there). */
public record ConsoleSession(String id, String projectId, Instant createdAt, Instant lastSeenAt) {
    public ConsoleSession {
        requireNonNull(id, "id is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(lastSeenAt, "lastSeenAt is null");
    }
}
