package org.connectorhub.hub.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The console's script and style from {@code console/} on the class path; only the files listed are served. */
final class ConsoleAssets {
    private static final String ROOT = "console/";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    Optional<Asset> asset(String name) {
        String contentType = CONTENT_TYPES.get(name);
        if (contentType == null) {
            return Optional.empty();
        }
        return Optional.of(new Asset(cache.computeIfAbsent(name, ConsoleAssets::read), contentType));
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing console resource " + ROOT + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read console resource " + ROOT + name, e);
        }
    }
}
