package org.connectorhub.hub.projects;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Projects and their API keys. Keys are kept only as hashes, computed by the caller. Bad names or
 * hashes, and a key another project holds, are {@link IllegalArgumentException}s.
 */
public interface ProjectStore {
    /** A new project with a random id ({@code prj_...}) and one API key. */
    Project create(String name, String apiKeyHash);

    /**
     * The project {@code id}, created if it does not exist (the bootstrap project); the key is
     * added to it if not present yet. Safe when several hubs start at once.
     */
    Project createIfAbsent(String id, String name, String apiKeyHash);

    Optional<Project> find(String id);

    /** The project holding this API key (asked on every API call). */
    Optional<Project> findByApiKeyHash(String apiKeyHash);

    /** Adds an API key; a no-op when the project has it already. */
    void addApiKey(String projectId, String apiKeyHash);

    /** Revokes an API key of the project; false when the project had no such key. */
    boolean removeApiKey(String projectId, String apiKeyHash);

    boolean hasAnyApiKey(String projectId);

    /** The project's API keys, oldest first; unknown project: empty. */
    List<ApiKey> listApiKeys(String projectId);

    /** A new API key of the project ({@code prefix}: the key's first characters, shown in lists). */
    ApiKey createApiKey(String projectId, String apiKeyHash, String prefix);

    /**
     * Revokes the key {@code keyId} of the project, unless it is {@code callerKeyId} (the key
     * making the request) and the project's last key; checked and done in one transaction.
     */
    ApiKey.Revocation revokeApiKey(String projectId, String keyId, Optional<String> callerKeyId);

    /** Records when keys were last used (key id to time), in one batch; a later time never goes back. */
    void recordApiKeyUse(Map<String, Instant> lastUsedByKeyId);

    /** All projects, ordered by id. */
    List<Project> list();

    /** Replaces the origins allowed to embed the Hub page. */
    void setAllowedOrigins(String projectId, List<String> origins);
}
