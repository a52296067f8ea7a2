package org.connectorhub.hub.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web origins a project lets embed the Hub page (frame-ancestors, postMessage targets):
 * {@code scheme://host[:port]} with http or https, nothing more. Anything else (a path, a
 * wildcard, a space) could widen the page's Content-Security-Policy, so it is refused.
 */
public final class AllowedOrigins {
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern ORIGIN = Pattern.compile(
            "(https?)://(" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9a-f:.]+\\])(?::([0-9]{1,5}))?");

    private AllowedOrigins() {
    }

    /** The origin in canonical form (lower case, no trailing slash). */
    public static String normalize(String origin) {
        requireNonNull(origin, "origin is null");
        String value = origin.strip().toLowerCase(Locale.ROOT);
        if (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        Matcher matcher = ORIGIN.matcher(value);
        if (!matcher.matches() || (matcher.group(3) != null && !validPort(matcher.group(3)))) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port], http or https): '" + origin.strip() + "'");
        }
        return value;
    }

    /** Each origin normalized, duplicates dropped, order kept. */
    public static List<String> normalize(List<String> origins) {
        requireNonNull(origins, "origins is null");
        List<String> normalized = new ArrayList<>();
        for (String origin : origins) {
            String value = normalize(origin);
            if (!normalized.contains(value)) {
                normalized.add(value);
            }
        }
        return List.copyOf(normalized);
    }

    /** A comma-separated list, as in {@code HUB_ALLOWED_ORIGINS}; blank entries are ignored. */
    public static List<String> parse(String commaSeparated) {
        requireNonNull(commaSeparated, "commaSeparated is null");
        List<String> origins = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                origins.add(part);
            }
        }
        return normalize(origins);
    }

    private static boolean validPort(String port) {
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }
}
