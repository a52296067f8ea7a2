package org.connectorhub.hub.storage;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.connectorhub.core.spi.ConnectorConfig;

/**
 * How long this hub instance keeps what every API call reads, from {@code HUB_CACHE_*} variables:
 * {@code HUB_CACHE_API_KEY_TTL} (5s) API key hash to project; {@code HUB_CACHE_ACCOUNT_TTL} (2s)
 * account rows on the action path; {@code HUB_CACHE_MAX_ENTRIES} (10000) per cache. {@code 0}
 * turns a cache off. Changes made through this instance are seen at once; changes made through
 * another instance on the same database are seen within the TTL.
 */
public record CacheSettings(Duration apiKeyTtl, Duration accountTtl, int maxEntries) {
    /** The variables' prefix: {@code HubConfig.connectorConfig(PREFIX)} reads {@code HUB_CACHE_*}. */
    public static final String PREFIX = "cache";
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

    /** From the {@code cache} settings ({@code api_key_ttl}, {@code account_ttl}, {@code max_entries}). */
    public static CacheSettings from(ConnectorConfig values) {
        requireNonNull(values, "values is null");
        CacheSettings defaults = defaults();
        return new CacheSettings(
                values.get("api_key_ttl").map(v -> parseDuration("HUB_CACHE_API_KEY_TTL", v)).orElse(defaults.apiKeyTtl()),
                values.get("account_ttl").map(v -> parseDuration("HUB_CACHE_ACCOUNT_TTL", v)).orElse(defaults.accountTtl()),
                values.get("max_entries").map(v -> parseInt("HUB_CACHE_MAX_ENTRIES", v)).orElse(defaults.maxEntries()));
    }

    /** {@code 0}, {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601 ({@code PT2S}). */
    static Duration parseDuration(String name, String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).strip()));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).strip()));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1).strip()));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(name + " must be 0 or a duration such as 500ms, 2s or PT2S: " + value);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + value);
        }
    }

    private static void checkTtl(String name, Duration ttl) {
        if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException(name + " must be between 0 and 5 minutes: " + ttl);
        }
    }
}
