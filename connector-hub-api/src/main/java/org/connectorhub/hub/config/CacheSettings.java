package org.connectorhub.hub.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long this hub instance keeps what every API call reads (the {@code caches} section of
 * {@link HubConfig}), from {@code HUB_CACHE_*} variables:
 * {@code HUB_CACHE_API_KEY_TTL} (5s) API key hash to project; {@code HUB_CACHE_ACCOUNT_TTL} (2s)
 * account rows on the action path; {@code HUB_CACHE_MAX_ENTRIES} (10000) per cache. {@code 0}
 * turns a cache off. Changes made through this instance are seen at once; changes made through
 * another instance on the same database are seen within the TTL.
 */
public record CacheSettings(Duration apiKeyTtl, Duration accountTtl, int maxEntries) {
    private static final Duration MAX_TTL = Duration.ofMinutes(5);

    public CacheSettings {
        requireNonNull(apiKeyTtl, "apiKeyTtl is null");
        requireNonNull(accountTtl, "accountTtl is null");
        checkTtl("HUB_CACHE_API_KEY_TTL", apiKeyTtl);
        checkTtl("HUB_CACHE_ACCOUNT_TTL", accountTtl);
        if (maxEntries < 0 || maxEntries > 1_000_000) {
            throw new IllegalArgumentException("HUB_CACHE_MAX_ENTRIES must be between 0 and 1000000: " + maxEntries);
        }
    }

    public static CacheSettings defaults() {
        return new CacheSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), 10_000);
    }

    /** Nothing cached: every call reads the database. */
    public static CacheSettings disabled() {
        return new CacheSettings(Duration.ZERO, Duration.ZERO, 0);
    }

    private static void checkTtl(String name, Duration ttl) {
        if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException(name + " must be between 0 and 5 minutes: " + ttl);
        }
    }
}
