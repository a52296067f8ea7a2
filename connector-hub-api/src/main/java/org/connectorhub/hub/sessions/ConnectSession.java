package org.connectorhub.hub.sessions;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A short-lived permission for one end user (owner) of one project to link an account through
 * the Hub page. The token that opens it is stored only as a hash, so it is not part of this value.
 * With {@code accountId} the session may re-link only that account; with {@code provider} only
 * that provider.
 */
public record ConnectSession(
        String id,
        String projectId,
        String originOwnerId,
        String originOwnerName,
        Optional<String> originUsername,
        Optional<String> provider,
        Optional<String> accountId,
        Map<String, String> metadata,
        Instant createdAt,
        Instant expiresAt,
        Optional<Instant> usedAt,
        Optional<String> linkedAccountId) {

    public ConnectSession {
        requireNonNull(id, "id is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(originOwnerId, "originOwnerId is null");
        requireNonNull(originOwnerName, "originOwnerName is null");
        requireNonNull(originUsername, "originUsername is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(accountId, "accountId is null");
        metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(usedAt, "usedAt is null");
        requireNonNull(linkedAccountId, "linkedAccountId is null");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean used() {
        return usedAt.isPresent();
    }
}
