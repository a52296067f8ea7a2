package org.connectorhub.core.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings handed to a connector factory, e.g. {@code base_url}, {@code connect_timeout_ms},
 * {@code read_timeout_ms}. Keys are snake_case; the hub fills them from
 * {@code HUB_<PROVIDER>_<KEY>} environment variables.
 */
public record ConnectorConfig(Map<String, String> properties) {
    /** Where the provider's API is; fakes and proxies set it. */
    public static final String BASE_URL = "base_url";
    public static final String CONNECT_TIMEOUT_MS = "connect_timeout_ms";
    public static final String READ_TIMEOUT_MS = "read_timeout_ms";
    /** How many times a retryable call is tried in all (1 = no retry). */
    public static final String MAX_ATTEMPTS = "max_attempts";
    /** The longest wait between attempts, Retry-After included; longer waits give up instead. */
    public static final String MAX_RETRY_WAIT_MS = "max_retry_wait_ms";
    /** The keys above, which most HTTP connectors read. */
    public static final Set<String> COMMON_KEYS =
            Set.of(BASE_URL, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, MAX_ATTEMPTS, MAX_RETRY_WAIT_MS);

    public ConnectorConfig {
        properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    }

    public static ConnectorConfig empty() {
        return new ConnectorConfig(Map.of());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(properties.get(key)).filter(v -> !v.isBlank());
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue) {
        return get(key).map(v -> Integer.parseInt(v.strip())).orElse(defaultValue);
    }

    public Duration millis(String key, Duration defaultValue) {
        return get(key).map(v -> Duration.ofMillis(Long.parseLong(v.strip()))).orElse(defaultValue);
    }
}
