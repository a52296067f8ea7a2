package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Credential field values. They cannot print themselves: {@link #toString()} names the fields
 * only, and there is no accessor that returns the values as one map or string. Values are
 * trimmed and a blank value counts as absent.
 */
public final class Credentials {
    private static final Credentials EMPTY = new Credentials(Map.of());

    private final Map<String, String> values;

    private Credentials(Map<String, String> values) {
        this.values = values;
    }

    public static Credentials empty() {
        return EMPTY;
    }

    public static Credentials of(Map<String, String> raw) {
        requireNonNull(raw, "raw is null");
        Map<String, String> cleaned = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            requireNonNull(key, "field key is null");
            if (value != null && !value.isBlank()) {
                cleaned.put(key, value.strip());
            }
        });
        return new Credentials(Collections.unmodifiableMap(cleaned));
    }

    public static Credentials of(String key, String value) {
        return of(Map.of(key, value));
    }

    public static Credentials of(String key1, String value1, String key2, String value2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return of(map);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of a field the caller knows is present; throws without echoing any value. */
    public String require(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("credential field '" + key + "' is not set");
        }
        return value;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Names of the fields that are set, sorted; never their values. */
    public Set<String> fieldKeys() {
        return Collections.unmodifiableSet(new TreeSet<>(values.keySet()));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Feeds every field to the visitor; the only way to read all values, e.g. to seal them. */
    public void forEach(java.util.function.BiConsumer<String, String> visitor) {
        values.forEach(visitor);
    }

    /** Whether any field holds exactly this value (used by leak checks and swapped-token hints). */
    public boolean containsValue(String value) {
        return values.containsValue(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Credentials that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Credentials{");
        String separator = "";
        for (String key : new TreeSet<>(values.keySet())) {
            out.append(separator).append(key).append("=****");
            separator = ", ";
        }
        return out.append('}').toString();
    }
}
