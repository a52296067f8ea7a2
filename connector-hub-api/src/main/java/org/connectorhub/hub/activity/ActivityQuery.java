package org.connectorhub.hub.activity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** A page of one project's activity, newest first; every filter is optional. */
public record ActivityQuery(
        String projectId,
        Optional<String> accountId,
        Optional<String> provider,
        Optional<String> what,
        OptionalInt status,
        Optional<Instant> since,
        Optional<Instant> until,
        Optional<Cursor> after,
        int pageSize) {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;

    /** Where the previous page ended: the (time, id) of its last entry. */
    public record Cursor(Instant at, String id) {
        public Cursor {
            requireNonNull(at, "at is null");
            requireNonNull(id, "id is null");
        }
    }

    public ActivityQuery {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(what, "what is null");
        requireNonNull(status, "status is null");
        requireNonNull(since, "since is null");
        requireNonNull(until, "until is null");
        requireNonNull(after, "after is null");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    /** The latest {@code pageSize} entries of one account. */
    public static ActivityQuery ofAccount(String projectId, String accountId, int pageSize) {
        return new ActivityQuery(projectId, Optional.of(accountId), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), pageSize);
    }
}
