package org.connectorhub.hub.page;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The Hub page's Content-Security-Policy: nothing inline, nothing from elsewhere. */
final class HubPagePolicy {
    /** A bare origin: scheme, host, optional port; anything else could smuggle directives in. */
    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");

    private HubPagePolicy() {
    }

    static String contentSecurityPolicy(List<String> allowedOrigins) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
                + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors " + frameAncestors(allowedOrigins);
    }

    /** The project's origins may frame the page (embed.js iframe mode); else only the hub itself. */
    static String frameAncestors(List<String> allowedOrigins) {
        List<String> origins = safeOrigins(allowedOrigins);
        return origins.isEmpty() ? "'self'" : "'self' " + String.join(" ", origins);
    }

    static List<String> safeOrigins(List<String> allowedOrigins) {
        return allowedOrigins.stream()
                .map(origin -> origin.trim().toLowerCase(Locale.ROOT))
                .map(origin -> origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin)
                .filter(origin -> ORIGIN.matcher(origin).matches())
                .distinct()
                .collect(Collectors.toList());
    }
}
