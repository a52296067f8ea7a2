package org.connectorhub.testkit.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A path like {@code /servers/{id}}; literal segments match exactly, {@code {name}} one segment. */
final class PathTemplate {
    private final String template;
    private final List<String> segments;
    private final int literals;

    PathTemplate(String template) {
        requireNonNull(template, "template is null");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/': " + template);
        }
        this.template = normalize(template);
        this.segments = split(this.template);
        this.literals = (int) segments.stream().filter(segment -> !isParam(segment)).count();
    }

    String template() {
        return template;
    }

    /** More literal segments win: {@code /templates/validate} before {@code /templates/{id}}. */
    int literals() {
        return literals;
    }

    Optional<Map<String, String>> match(String normalizedPath) {
        return match(normalizedPath, false);
    }

    /** With {@code ignoreCase}, literal segments match in any case (as ASP.NET-style routers do). */
    Optional<Map<String, String>> match(String normalizedPath, boolean ignoreCase) {
        List<String> actual = split(normalizedPath);
        if (actual.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (isParam(expected)) {
                if (actual.get(i).isEmpty()) {
                    return Optional.empty();
                }
                params.put(expected.substring(1, expected.length() - 1), actual.get(i));
            } else if (ignoreCase ? !expected.equalsIgnoreCase(actual.get(i)) : !expected.equals(actual.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** Drops trailing slashes; the root stays {@code /}. */
    static String normalize(String path) {
        String result = path == null || path.isEmpty() ? "/" : path;
        while (result.length() > 1 && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static boolean isParam(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> split(String path) {
        List<String> result = new ArrayList<>();
        if (path.equals("/")) {
            return result;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            result.add(segment);
        }
        return result;
    }
}
