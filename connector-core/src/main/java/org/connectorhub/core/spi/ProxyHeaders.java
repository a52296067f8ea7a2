package org.connectorhub.core.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers a proxied call may carry, for every connector: out, only {@code Accept} and
 * {@code Content-Type} (never the caller's {@code Authorization}, cookies, hop-by-hop or
 * forwarding headers: the connector adds the one credential it needs); back, only what describes
 * the body and when to come back.
 */
public final class ProxyHeaders {
    private static final List<String> REQUEST = List.of("Accept", "Content-Type");
    private static final List<String> RESPONSE = List.of("Content-Type", "Retry-After", "Cache-Control", "ETag",
            "Last-Modified", "Content-Language", "Content-Disposition");

    private ProxyHeaders() {
    }

    /** The allowed request headers of {@code headers} (names in any case), under their canonical names. */
    public static Map<String, List<String>> request(Map<String, List<String>> headers) {
        return keep(headers, REQUEST);
    }

    /** The allowed response headers of {@code headers}, under their canonical names. */
    public static Map<String, List<String>> response(Map<String, List<String>> headers) {
        return keep(headers, RESPONSE);
    }

    private static Map<String, List<String>> keep(Map<String, List<String>> headers, List<String> allowed) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name == null || values == null) {
                return;
            }
            for (String canonical : allowed) {
                if (canonical.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    List<String> clean = values.stream()
                            .filter(v -> v != null && v.chars().noneMatch(c -> c < 0x20 && c != '\t')).toList();
                    if (!clean.isEmpty()) {
                        kept.merge(canonical, clean, (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
                    }
                }
            }
        });
        return Map.copyOf(kept);
    }

    /** The first value of a header in a map with canonical or any-case names. */
    public static java.util.Optional<String> first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return java.util.Optional.of(header.getValue().get(0));
            }
        }
        return java.util.Optional.empty();
    }
}
