package org.connectorhub.core.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings handed to a connector factory, e.g. {@code base_url}, {@code connect_timeout_ms},
 * {@code read_timeout_ms}. Keys are snake_case; the hub fills them from
 * {@code HUB_<PROVIDER>_<KEY>} environment variables.
 */
public record ConnectorConfig(Map<String, String> properties) {
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

    public Duration millis(String key, Duration defaultValue) {
        return get(key).map(v -> Duration.ofMillis(Long.parseLong(v.strip()))).orElse(defaultValue);
    }
}
