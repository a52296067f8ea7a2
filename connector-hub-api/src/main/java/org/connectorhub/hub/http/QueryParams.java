package org.connectorhub.hub.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Query parameters of the list endpoints, read one way: blank is absent, bad values are
 * {@code invalid_input} naming the parameter. Keyset cursors are (time, id) pairs, opaque to callers.
 */
public final class QueryParams {
    /** Where a newest-first page ended. */
    public record Keyset(Instant at, String id) {
    }

    private QueryParams() {
    }

    public static Optional<String> optional(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    public static int pageSize(Context ctx, int defaultSize, int maxSize) {
        Optional<String> value = optional(ctx, "page_size");
        if (value.isEmpty()) {
            return defaultSize;
        }
        int size;
        try {
            size = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw ApiException.wrongType("page_size", "an integer");
        }
        if (size < 1 || size > maxSize) {
            throw ApiException.invalidInput("page_size", "'page_size' must be between 1 and " + maxSize + ".");
        }
        return size;
    }

    public static Optional<Instant> instant(Context ctx, String name) {
        return optional(ctx, name).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeException e) {
                throw ApiException.invalidInput(name, "'" + name + "' must be a time such as 2026-01-31T12:00:00Z.");
            }
        });
    }

    public static Optional<Keyset> cursor(Context ctx) {
        return optional(ctx, "cursor").map(value -> {
            try {
                String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                long micros = Long.parseLong(text.substring(0, colon));
                String id = text.substring(colon + 1);
                if (id.isEmpty() || id.length() > 40) {
                    throw new IllegalArgumentException("bad id");
                }
                return new Keyset(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
            } catch (RuntimeException e) {
                throw ApiException.invalidInput("cursor", "'cursor' must be a next_cursor this API returned.");
            }
        });
    }

    public static String encode(Instant at, String id) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }
}
