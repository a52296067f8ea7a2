package org.connectorhub.testkit.fake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Case-insensitive look-ups in header and query maps, which keep the names as received.
 */
final class Headers {
    private Headers() {}

    static Optional<String> first(Map<String, List<String>> values, String name) {
        return all(values, name).stream().findFirst();
    }

    static List<String> all(Map<String, List<String>> values, String name) {
        if (name == null) {
            return List.of();
        }
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue();
            }
        }
        return List.of();
    }

    static Map<String, List<String>> copy(Map<String, List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((key, list) -> copy.put(key, List.copyOf(list)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
