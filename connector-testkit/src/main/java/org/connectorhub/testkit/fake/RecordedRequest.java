package org.connectorhub.testkit.fake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A request as the fake received it, faulted or not, for assertions. {@code path} is normalized
 * (no trailing slash).
 */
public record RecordedRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        String body,
        Instant at) {
    public RecordedRequest {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        query = Headers.copy(requireNonNull(query, "query is null"));
        headers = Headers.copy(requireNonNull(headers, "headers is null"));
        body = requireNonNull(body, "body is null");
        requireNonNull(at, "at is null");
    }

    /**
     * The first value of a header, by name in any case.
     */
    public Optional<String> header(String name) {
        return Headers.first(headers, name);
    }

    /**
     * The first value of a query parameter, by name in any case.
     */
    public Optional<String> queryParam(String name) {
        return Headers.first(query, name);
    }
}
