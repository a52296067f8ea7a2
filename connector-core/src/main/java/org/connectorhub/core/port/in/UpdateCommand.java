package org.connectorhub.core.port.in;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.Credentials;

/**
 * Change an account: new credentials (replacing all fields; verified first), label, metadata.
 * {@code expectedVersion}, when given, must match the stored version.
 */
public record UpdateCommand(
        String projectId,
        String accountId,
        Optional<Credentials> credentials,
        Optional<String> label,
        Optional<Map<String, String>> metadata,
        Optional<Long> expectedVersion) {
    public UpdateCommand {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(credentials, "credentials is null");
        requireNonNull(label, "label is null");
        metadata = requireNonNull(metadata, "metadata is null").map(Map::copyOf);
        requireNonNull(expectedVersion, "expectedVersion is null");
    }
}
