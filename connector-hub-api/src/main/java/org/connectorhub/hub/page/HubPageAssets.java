package org.connectorhub.hub.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's static files, read from {@code hub-page/} on the class path on first use and kept.
 * Only the files listed here are served, so no path can reach anything else in the jar.
 */
final class HubPageAssets {
    private static final String ROOT = "hub-page/";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "embed.js", "text/javascript; charset=utf-8");
    private static final String ORIGINS_PLACEHOLDER = "{{ALLOWED_ORIGINS}}";

    record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    Optional<Asset> asset(String name) {
        String contentType = CONTENT_TYPES.get(name);
        if (contentType == null) {
            return Optional.empty();
        }
        return Optional.of(new Asset(read(name), contentType));
    }

    /** The HTML shell, telling the script which origins it may post messages to. */
    String page(List<String> allowedOrigins) {
        String html = new String(read("index.html"), StandardCharsets.UTF_8);
        return html.replace(ORIGINS_PLACEHOLDER, escape(String.join(" ", HubPagePolicy.safeOrigins(allowedOrigins))));
    }

    private byte[] read(String name) {
        return cache.computeIfAbsent(name, key -> {
            try (InputStream in = HubPageAssets.class.getClassLoader().getResourceAsStream(ROOT + key)) {
                if (in == null) {
                    throw new IllegalStateException("missing Hub page resource " + ROOT + key);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read Hub page resource " + ROOT + key, e);
            }
        });
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
