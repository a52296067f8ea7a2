package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.connectorhub.core.domain.FieldError;

/**
 * One input property of an action: its snake_case name, Postmark's wire name and its rules. The
 * same rules give the action's JSON Schema and check the input, so the two cannot drift apart.
 */
final class PostmarkParam {
    enum Kind { STRING, INTEGER, BOOLEAN, OBJECT, STRING_MAP, ANY_OBJECT, OBJECT_LIST }

    final String name;
    final String wire;
    final Kind kind;
    final String description;
    boolean required;
    Long min;
    Long max;
    List<String> enumValues = List.of();
    String pattern;
    /** {@link #pattern}, compiled once: checking an input must not compile a regex per call. */
    private Pattern compiledPattern;
    String patternHint;
    int maxRecipients;
    boolean email;
    PostmarkShape shape;
    Object defaultValue;

    private PostmarkParam(String name, String wire, Kind kind, String description) {
        this.name = requireNonNull(name, "name is null");
        this.wire = requireNonNull(wire, "wire is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.description = requireNonNull(description, "description is null");
    }

    static PostmarkParam string(String name, String wire, String description) {
        return new PostmarkParam(name, wire, Kind.STRING, description);
    }

    static PostmarkParam integer(String name, String wire, String description) {
        return new PostmarkParam(name, wire, Kind.INTEGER, description);
    }

    static PostmarkParam bool(String name, String wire, String description) {
        return new PostmarkParam(name, wire, Kind.BOOLEAN, description);
    }

    static PostmarkParam object(String name, String wire, String description, PostmarkShape shape) {
        PostmarkParam p = new PostmarkParam(name, wire, Kind.OBJECT, description);
        p.shape = requireNonNull(shape, "shape is null");
        return p;
    }

    /** An object of string values chosen by the user (e.g. metadata); its keys are kept as they are. */
    static PostmarkParam stringMap(String name, String wire, String description) {
        return new PostmarkParam(name, wire, Kind.STRING_MAP, description);
    }

    /** Any JSON object chosen by the user (e.g. a template model); passed on as it is. */
    static PostmarkParam anyObject(String name, String wire, String description) {
        return new PostmarkParam(name, wire, Kind.ANY_OBJECT, description);
    }

    static PostmarkParam objectList(String name, String wire, String description, PostmarkShape items) {
        PostmarkParam p = new PostmarkParam(name, wire, Kind.OBJECT_LIST, description);
        p.shape = requireNonNull(items, "items is null");
        return p;
    }

    /** A comma-separated list of addresses, at most {@code max} of them, as Postmark takes it. */
    static PostmarkParam recipients(String name, String wire, String description, int max) {
        PostmarkParam p = string(name, wire, description + " Comma-separated, at most " + max + " addresses.");
        p.maxRecipients = max;
        p.email = true;
        return p;
    }

    PostmarkParam required() {
        this.required = true;
        return this;
    }

    PostmarkParam range(long minimum, long maximum) {
        this.min = minimum;
        this.max = maximum;
        return this;
    }

    PostmarkParam minimum(long minimum) {
        this.min = minimum;
        return this;
    }

    /** For strings: the longest length; for lists: the most items. */
    PostmarkParam maxSize(long maximum) {
        this.max = maximum;
        return this;
    }

    PostmarkParam oneOf(String... values) {
        this.enumValues = List.of(values);
        return this;
    }

    PostmarkParam pattern(String regex, String hint) {
        this.pattern = regex;
        this.compiledPattern = Pattern.compile(regex);
        this.patternHint = hint;
        return this;
    }

    /** Must look like an email address ({@code name@example.com} or {@code Name <name@example.com>}). */
    PostmarkParam email() {
        this.email = true;
        return this;
    }

    PostmarkParam defaultsTo(Object value) {
        this.defaultValue = value;
        return this;
    }

    Map<String, Object> jsonSchema() {
        Map<String, Object> s = new LinkedHashMap<>();
        switch (kind) {
            case STRING -> {
                s.put("type", "string");
                s.put("minLength", 1);
                if (max != null) {
                    s.put("maxLength", max);
                }
                if (!enumValues.isEmpty()) {
                    s.put("enum", enumValues);
                }
                if (pattern != null) {
                    s.put("pattern", pattern);
                }
            }
            case INTEGER -> {
                s.put("type", "integer");
                if (min != null) {
                    s.put("minimum", min);
                }
                if (max != null) {
                    s.put("maximum", max);
                }
            }
            case BOOLEAN -> s.put("type", "boolean");
            case OBJECT -> s.putAll(shape.jsonSchema());
            case STRING_MAP -> {
                s.put("type", "object");
                s.put("additionalProperties", Map.of("type", "string"));
            }
            case ANY_OBJECT -> s.put("type", "object");
            case OBJECT_LIST -> {
                s.put("type", "array");
                s.put("minItems", 1);
                if (max != null) {
                    s.put("maxItems", max);
                }
                s.put("items", shape.jsonSchema());
            }
        }
        s.put("description", description);
        if (defaultValue != null) {
            s.put("default", defaultValue);
        }
        return s;
    }

    /** Checks one present value and returns it in wire form, or adds errors and returns empty. */
    Optional<Object> toWire(Object value, String path, List<FieldError> errors) {
        switch (kind) {
            case STRING -> {
                return checkString(value, path, errors);
            }
            case INTEGER -> {
                return checkInteger(value, path, errors);
            }
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    return Optional.of(value);
                }
                errors.add(PostmarkShape.error(path, "must be true or false."));
                return Optional.empty();
            }
            case OBJECT -> {
                return shape.toWire(value, path, errors).map(m -> m);
            }
            case STRING_MAP -> {
                if (!(value instanceof Map<?, ?> map)) {
                    errors.add(PostmarkShape.error(path, "must be an object of strings."));
                    return Optional.empty();
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof String v)) {
                        errors.add(PostmarkShape.error(path + "." + e.getKey(), "must be a string."));
                        return Optional.empty();
                    }
                    out.put(key, v);
                }
                return Optional.of(out);
            }
            case ANY_OBJECT -> {
                if (value instanceof Map<?, ?>) {
                    return Optional.of(value);
                }
                errors.add(PostmarkShape.error(path, "must be an object."));
                return Optional.empty();
            }
            case OBJECT_LIST -> {
                return checkList(value, path, errors);
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
    }

    // The core checks every input against jsonSchema() before an action runs (types, required,
    // lengths, enums, ranges, list sizes, unknown properties, "at least one of"). What stays here:
    // what a schema cannot say (a value that is only whitespace, the count of comma-separated
    // recipients, an address's shape: "format" only annotates); the patterns, because they keep
    // ids and aliases that go into Postmark's URL paths from smuggling a path, which must hold
    // however the handler is called; and the type checks that the wire mapping casts by, so a
    // handler called without the core refuses a wrong type cleanly instead of failing on a cast.

    private Optional<Object> checkString(Object value, String path, List<FieldError> errors) {
        if (!(value instanceof String s)) {
            errors.add(PostmarkShape.error(path, "must be a string."));
            return Optional.empty();
        }
        String v = s.strip();
        if (v.isEmpty()) {
            // minLength 1 lets "   " through; Postmark would take it as a missing value
            errors.add(PostmarkShape.error(path, "must not be empty."));
            return Optional.empty();
        }
        if (compiledPattern != null && !compiledPattern.matcher(v).matches()) {
            errors.add(PostmarkShape.error(path, patternHint));
            return Optional.empty();
        }
        if (maxRecipients > 0) {
            List<String> addresses = new ArrayList<>();
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    addresses.add(part.strip());
                }
            }
            if (addresses.size() > maxRecipients) {
                errors.add(PostmarkShape.error(path, "has " + addresses.size() + " addresses; Postmark takes at most "
                        + maxRecipients + "."));
                return Optional.empty();
            }
            for (String address : addresses) {
                if (!looksLikeEmail(address)) {
                    errors.add(PostmarkShape.error(path, "holds something that is not an email address."));
                    return Optional.empty();
                }
            }
            return Optional.of(String.join(",", addresses));
        }
        if (email && !looksLikeEmail(v)) {
            errors.add(PostmarkShape.error(path, "must be an email address, like name@example.com or "
                    + "\"Name <name@example.com>\"."));
            return Optional.empty();
        }
        return Optional.of(v);
    }

    private Optional<Object> checkInteger(Object value, String path, List<FieldError> errors) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) < 9.0e15) {
            return Optional.of(number.longValue()); // 5.0 is the integer 5 in JSON Schema too
        }
        errors.add(PostmarkShape.error(path, "must be a whole number."));
        return Optional.empty();
    }

    private Optional<Object> checkList(Object value, String path, List<FieldError> errors) {
        if (!(value instanceof List<?> list)) {
            errors.add(PostmarkShape.error(path, "must be a list."));
            return Optional.empty();
        }
        List<Object> out = new ArrayList<>();
        int before = errors.size();
        for (int i = 0; i < list.size(); i++) {
            shape.toWire(list.get(i), path + "[" + i + "]", errors).ifPresent(out::add);
        }
        return errors.size() == before ? Optional.of(out) : Optional.empty();
    }

    static boolean looksLikeEmail(String value) {
        String v = value.strip();
        int open = v.lastIndexOf('<');
        if (open >= 0 && v.endsWith(">")) {
            v = v.substring(open + 1, v.length() - 1).strip();
        }
        int at = v.indexOf('@');
        if (at <= 0 || at != v.lastIndexOf('@') || at >= v.length() - 1) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isWhitespace(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
