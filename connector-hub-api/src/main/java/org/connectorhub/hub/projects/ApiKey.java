package org.connectorhub.hub.projects;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * An API key as it may be shown: its public id ({@code key_...}), the key's first characters
 * (absent for keys made before they were kept), when it was made and last used (about a minute
 * behind). Never the key, never its hash.
 */
public record ApiKey(String id, Optional<String> prefix, Instant createdAt, Optional<Instant> lastUsedAt) {
    /** How many leading characters of a key are kept to tell keys apart ({@code chk_} and 4 more). */
    public static final int PREFIX_LENGTH = 8;

    public ApiKey {
        requireNonNull(id, "id is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(lastUsedAt, "lastUsedAt is null");
    }

    /** The shown part of a new key. */
    public static String prefixOf(String apiKey) {
        return apiKey.substring(0, Math.min(PREFIX_LENGTH, apiKey.length()));
    }

    /** What revoking a key came to. */
    public enum Revocation {
        REVOKED,
        NOT_FOUND,
        /** the key making the call is the project's last one */
        LAST_KEY
    }
}
