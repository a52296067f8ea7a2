package org.connectorhub.hub.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long this hub instance keeps what every API call reads (the {@code caches} section of
 * {@link HubConfig}), from {@code HUB_CACHE_*} variables:
 * {@code HUB_CACHE_API_KEY_TTL} (5s) API key hash to project; {@code HUB_CACHE_ACCOUNT_TTL} (60s)
 * account rows on the action path; {@code HUB_CACHE_MAX_ENTRIES} (10000) per cache. {@code 0}
 * turns a cache off. Changes made through this instance are seen at once; on PostgreSQL other
 * instances hear of them by notice ({@code ChangeListener}) and bypass their caches while they
 * cannot hear, so the TTLs are only a backstop. The account TTL is long because a short one costs
 * a database read per call once accounts outnumber calls per TTL (at 10,000 accounts, 2 s cost a
 * third of the throughput; docs/benchmarks.md, scenario 1d).
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
        return new CacheSettings(Duration.ofSeconds(5), Duration.ofSeconds(60), 10_000);
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
