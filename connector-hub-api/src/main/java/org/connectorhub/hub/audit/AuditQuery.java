package org.connectorhub.hub.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A page of one project's audit trail, newest first; {@code actor} is {@code kind:id} or an id. */
public record AuditQuery(
        String projectId,
        Optional<String> targetId,
        Optional<String> actor,
        Optional<String> type,
        Optional<Instant> since,
        Optional<Instant> until,
        Optional<Cursor> after,
        int pageSize) {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;

    public record Cursor(Instant at, String id) {
        public Cursor {
            requireNonNull(at, "at is null");
            requireNonNull(id, "id is null");
        }
    }

    public AuditQuery {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(type, "type is null");
        requireNonNull(since, "since is null");
        requireNonNull(until, "until is null");
        requireNonNull(after, "after is null");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
