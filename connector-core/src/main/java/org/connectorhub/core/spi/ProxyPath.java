package org.connectorhub.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.connectorhub.core.domain.InvalidProxyPathException;

/**
 * A proxied path that cannot leave the provider's base URL: decoded segments from a small
 * character set (letters, digits and {@code -._~!$&'()*+,=}), none of them {@code .} or {@code ..},
 * and the query as sent, checked for escapes and control characters. {@link #parse} holds the
 * checks for every connector; a connector only ever sees a path that passed them.
 *
 * @param segments      the decoded segments, never empty
 * @param trailingSlash whether the path ended with {@code /} (some providers accept both forms)
 * @param query         the raw query string (still percent-encoded), without the {@code ?}
 */
public record ProxyPath(List<String> segments, boolean trailingSlash, Optional<String> query) {
    static final int MAX_PATH_LENGTH = 2048;
    static final int MAX_QUERY_LENGTH = 8192;
    private static final String SEGMENT_PUNCTUATION = "-._~!$&'()*+,=";
    /** RFC 3986's query characters: anything else (a '#', a backslash, braces) must come percent-encoded. */
    private static final String QUERY_PUNCTUATION = "-._~!$&'()*+,;=:@/?%";

    public ProxyPath {
        segments = List.copyOf(requireNonNull(segments, "segments is null"));
        requireNonNull(query, "query is null");
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a proxied path has at least one segment");
        }
        for (String segment : segments) {
            String problem = segmentProblem(segment);
            if (problem != null) {
                throw new IllegalArgumentException("unsafe segment: " + problem);
            }
        }
    }

    /**
     * Checks a path as the caller sent it (percent-encoded, relative to the provider's base URL,
     * without a leading slash) and its raw query.
     *
     * @throws InvalidProxyPathException for anything that could change where the call goes
     */
    public static ProxyPath parse(String rawPath, String rawQuery) {
        if (rawPath == null || rawPath.isEmpty()) {
            throw refused("The path to call at the provider is empty.");
        }
        if (rawPath.length() > MAX_PATH_LENGTH) {
            throw refused("The path is longer than " + MAX_PATH_LENGTH + " characters.");
        }
        requirePrintableAscii(rawPath, "path");
        if (rawPath.startsWith("/")) {
            throw refused("The path must be relative to the provider's API (no '//' and no absolute URL).");
        }
        for (char forbidden : new char[] {'\\', '@', ':', '?', '#', ';'}) {
            if (rawPath.indexOf(forbidden) >= 0) {
                throw refused("The path must not contain '" + forbidden + "'.");
            }
        }
        boolean trailingSlash = rawPath.endsWith("/");
        String body = trailingSlash ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        List<String> segments = new ArrayList<>();
        for (String raw : body.split("/", -1)) {
            if (raw.isEmpty()) {
                throw refused("The path must not contain empty segments ('//').");
            }
            String decoded = decode(raw, "path");
            String problem = segmentProblem(decoded);
            if (problem != null) {
                throw refused("The path " + problem + ".");
            }
            segments.add(decoded);
        }
        return new ProxyPath(segments, trailingSlash, checkedQuery(rawQuery));
    }

    /** The path to append to the provider's base URL, starting with {@code /}; needs no further encoding. */
    public String encodedPath() {
        return "/" + String.join("/", segments) + (trailingSlash ? "/" : "");
    }

    /** The path and query to append to the provider's base URL. */
    public String pathAndQuery() {
        return encodedPath() + query.map(q -> "?" + q).orElse("");
    }

    /** The first segment in lower case, for connectors that choose by resource ({@code servers}, {@code email}). */
    public String resource() {
        return segments.get(0).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return encodedPath() + (query.isPresent() ? "?..." : "");
    }

    private static String segmentProblem(String segment) {
        if (segment.isEmpty()) {
            return "has an empty segment";
        }
        if (segment.chars().allMatch(c -> c == '.')) {
            return "must not have '.' or '..' segments (also when encoded)";
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || SEGMENT_PUNCTUATION.indexOf(c) >= 0;
            if (!allowed) {
                return describe(c);
            }
        }
        return null;
    }

    private static String describe(char c) {
        if (c == '/' || c == '\\') {
            return "must not contain an encoded slash or backslash";
        }
        if (c == '%') {
            return "must not be encoded twice";
        }
        if (c < 0x20 || c == 0x7f) {
            return "must not contain control characters";
        }
        if (c > 0x7e) {
            return "must contain ASCII characters only";
        }
        return "must not contain '" + c + "' (also when encoded)";
    }

    private static Optional<String> checkedQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        if (rawQuery.length() > MAX_QUERY_LENGTH) {
            throw refused("The query string is longer than " + MAX_QUERY_LENGTH + " characters.");
        }
        requirePrintableAscii(rawQuery, "query string");
        for (int i = 0; i < rawQuery.length(); i++) {
            char c = rawQuery.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || QUERY_PUNCTUATION.indexOf(c) >= 0;
            if (!allowed) {
                throw refused("The query string must not contain '" + c + "' (percent-encode it).");
            }
        }
        String decoded = decode(rawQuery, "query string");
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw refused("The query string must not contain control characters (also when encoded).");
            }
        }
        return Optional.of(rawQuery);
    }

    private static void requirePrintableAscii(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw refused("The " + what + " must be printable ASCII (percent-encode anything else; "
                        + "no spaces or control characters).");
            }
        }
    }

    /** Strict percent-decoding (every {@code %} followed by two hex digits); bytes above 0x7f stay as chars to be refused. */
    private static String decode(String raw, String what) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                    || Character.digit(raw.charAt(i + 2), 16) < 0) {
                throw refused("The " + what + " has a broken percent-escape.");
            }
            out.append((char) Integer.parseInt(raw, i + 1, i + 3, 16));
            i += 2;
        }
        return out.toString();
    }

    private static InvalidProxyPathException refused(String message) {
        return new InvalidProxyPathException(message);
    }
}
