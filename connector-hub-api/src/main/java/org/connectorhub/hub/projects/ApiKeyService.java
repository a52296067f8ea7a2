package org.connectorhub.hub.projects;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.hub.crypto.ApiKeys;

/**
 * A project's API keys, for {@code /v1/api_keys} and the console alike: list (never the key),
 * create (the key returned once), revoke. A caller that is not an API key (the console) may never
 * revoke the project's last key; an API key may not revoke itself when it is the last.
 */
public final class ApiKeyService {
    private final ProjectStore projects;

    @Inject
    public ApiKeyService(ProjectStore projects) {
        this.projects = requireNonNull(projects, "projects is null");
    }

    /** A key just made: {@code secret} is the key itself, shown once and kept nowhere. */
    public record CreatedKey(ApiKey key, String secret) {
        public CreatedKey {
            requireNonNull(key, "key is null");
            requireNonNull(secret, "secret is null");
        }

        @Override
        public String toString() {
            return "CreatedKey[id=" + key.id() + "]";
        }
    }

    public List<ApiKey> list(String projectId) {
        return projects.listApiKeys(projectId);
    }

    public CreatedKey create(String projectId) {
        String apiKey = ApiKeys.newApiKey();
        return new CreatedKey(projects.createApiKey(projectId, ApiKeys.hash(apiKey), ApiKey.prefixOf(apiKey)), apiKey);
    }

    public ApiKey.Revocation revoke(String projectId, String keyId, Caller caller) {
        requireNonNull(caller, "caller is null");
        // the store refuses the last key when it is the caller's own; a console session holds no key,
        // so it counts as holding the one it revokes: it can never leave the project without a key
        Optional<String> callerKey = caller.kind() == Caller.Kind.API_KEY ? Optional.of(caller.id()) : Optional.of(keyId);
        return projects.revokeApiKey(projectId, keyId, callerKey);
    }
}
