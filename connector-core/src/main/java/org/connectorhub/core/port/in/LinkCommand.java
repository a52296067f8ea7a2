package org.connectorhub.core.port.in;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.Credentials;

/**
 * Link a provider account for an owner of a project. With {@code accountId}, re-link that
 * account in place (it must belong to the same owner and provider).
 */
public record LinkCommand(
        String projectId,
        String provider,
        String originOwnerId,
        String originOwnerName,
        Optional<String> originUsername,
        Optional<String> label,
        Map<String, String> metadata,
        Credentials credentials,
        Optional<String> accountId) {
    public LinkCommand {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(originOwnerId, "originOwnerId is null");
        originOwnerName = originOwnerName == null ? "" : originOwnerName;
        requireNonNull(originUsername, "originUsername is null");
        requireNonNull(label, "label is null");
        metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
        requireNonNull(credentials, "credentials is null");
        requireNonNull(accountId, "accountId is null");
    }

    public static LinkCommand of(String projectId, String provider, String ownerId, Credentials credentials) {
        return new LinkCommand(projectId, provider, ownerId, "", Optional.empty(), Optional.empty(), Map.of(),
                credentials, Optional.empty());
    }
}
