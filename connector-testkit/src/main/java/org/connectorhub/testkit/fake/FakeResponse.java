package org.connectorhub.testkit.fake;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a fake answers: a status, headers and a body (empty for none).
 */
public record FakeResponse(int status, Map<String, String> headers, String body) {
    public static final String JSON = "application/json; charset=utf-8";

    public FakeResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100..599: " + status);
        }
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        body = requireNonNull(body, "body is null");
    }

    public static FakeResponse json(int status, String body) {
        return new FakeResponse(status, Map.of("Content-Type", JSON), body);
    }

    public static FakeResponse text(int status, String contentType, String body) {
        return new FakeResponse(status, Map.of("Content-Type", contentType), body);
    }

    public static FakeResponse empty(int status) {
        return new FakeResponse(status, Map.of(), "");
    }

    /**
     * A copy with one more header (replacing one of the same name, ignoring case).
     */
    public FakeResponse withHeader(String name, String value) {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((key, existing) -> {
            if (!key.equalsIgnoreCase(name)) {
                copy.put(key, existing);
            }
        });
        copy.put(name, value);
        return new FakeResponse(status, copy, body);
    }

    public boolean hasBody() {
        return !body.isEmpty();
    }
}
