package org.connectorhub.hub.http;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectorhub.core.domain.FieldError;

/**
 * An RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail}, a stable
 * {@code code}, field {@code errors}, and extra members (e.g. {@code provider_error_code}) and
 * response headers (e.g. {@code Retry-After}).
 */
public record Problem(
        int status,
        String code,
        String title,
        String detail,
        List<FieldError> errors,
        Map<String, Object> extensions,
        Map<String, String> headers) {

    public static final String TYPE_BASE = "https://connectorhub.org/problems/";

    public Problem {
        requireNonNull(code, "code is null");
        requireNonNull(title, "title is null");
        requireNonNull(detail, "detail is null");
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
        extensions = Map.copyOf(requireNonNull(extensions, "extensions is null"));
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
    }

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(status, code, title, detail, List.of(), Map.of(), Map.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(status, code, title, detail, fieldErrors, extensions, headers);
    }

    public Problem withExtension(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(status, code, title, detail, errors, more, headers);
    }

    public Problem withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Problem(status, code, title, detail, errors, extensions, more);
    }

    /** The JSON body, members in RFC order. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        body.putAll(extensions);
        body.put("errors", errors.stream().map(Problem::fieldError).toList());
        return body;
    }

    static Map<String, Object> fieldError(FieldError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("field", error.field());
        json.put("code", error.code());
        json.put("message", error.message());
        json.put("hint", error.hint());
        return json;
    }
}
