package org.connectorhub.testkit.fake;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One request as a {@link FakeHandler} sees it. {@code path} is normalized (no trailing slash);
 * header and query names keep their case, the helpers ignore it.
 */
public record FakeRequest(
        String method,
        String path,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        String body) {
    public FakeRequest {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        pathParams = Map.copyOf(requireNonNull(pathParams, "pathParams is null"));
        query = Headers.copy(requireNonNull(query, "query is null"));
        headers = Headers.copy(requireNonNull(headers, "headers is null"));
        body = requireNonNull(body, "body is null");
    }

    /**
     * The first value of a header, by name in any case.
     */
    public Optional<String> header(String name) {
        return Headers.first(headers, name);
    }

    /**
     * The first value of a query parameter, by name in any case ({@code count} or {@code Count}).
     */
    public Optional<String> queryParam(String name) {
        return Headers.first(query, name);
    }

    /**
     * Every value of a query parameter, by name in any case.
     */
    public List<String> queryParams(String name) {
        return Headers.all(query, name);
    }

    public Optional<String> pathParam(String name) {
        return Optional.ofNullable(pathParams.get(name));
    }
}
