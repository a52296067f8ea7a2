package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A page of accounts of one project, optionally filtered, ordered by id; {@code cursor} is the
 * last id of the previous page (keyset pagination, no offset).
 */
public record AccountQuery(
        String projectId,
        Optional<String> originOwnerId,
        Optional<String> provider,
        Optional<AccountStatus> status,
        int pageSize,
        Optional<String> cursor) {

    public static final int MAX_PAGE_SIZE = 200;
    public static final int DEFAULT_PAGE_SIZE = 50;

    public AccountQuery {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(originOwnerId, "originOwnerId is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(status, "status is null");
        requireNonNull(cursor, "cursor is null");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    public static AccountQuery allOf(String projectId) {
        return new AccountQuery(projectId, Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_PAGE_SIZE, Optional.empty());
    }

    public AccountQuery withOwner(String ownerId) {
        return new AccountQuery(projectId, Optional.of(ownerId), provider, status, pageSize, cursor);
    }

    public AccountQuery withCursor(String nextCursor) {
        return new AccountQuery(projectId, originOwnerId, provider, status, pageSize, Optional.of(nextCursor));
    }
}
