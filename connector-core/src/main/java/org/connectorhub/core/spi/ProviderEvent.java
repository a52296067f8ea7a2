package org.connectorhub.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One provider event, normalised: its {@code type} ({@code email.bounced}, ...), the fields the
 * platform gets ({@code message_id}, {@code recipient}, ...; JSON-able values: strings, numbers,
 * booleans, null, lists and maps of those), the provider's payload as {@code raw}, and a key that
 * names the event across the provider's retries when the payload has one.
 */
public record ProviderEvent(String type, Map<String, Object> fields, Map<String, Object> raw, Optional<String> eventKey) {
    public static final String UNKNOWN = "email.unknown";

    public ProviderEvent {
        requireNonNull(type, "type is null");
        // null values are allowed (a JSON null), so no Map.copyOf
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(raw, "raw is null")));
        requireNonNull(eventKey, "eventKey is null");
    }

    @Override
    public String toString() {
        return "ProviderEvent[" + type + "]";
    }
}
