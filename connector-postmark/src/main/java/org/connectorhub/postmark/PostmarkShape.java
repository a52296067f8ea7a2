package org.connectorhub.postmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.InvalidInputException;

/**
 * The shape of an object in an action's input: its properties and "at least one of" groups. It
 * renders itself as JSON Schema, which the core checks every input against before the action
 * runs, and maps a snake_case input to Postmark's wire names. The mapping still refuses a missing
 * required property and a value of the wrong type (it casts by them, and a handler called without
 * the core must fail cleanly), plus what the schema cannot say (see {@link PostmarkParam}); unknown
 * properties and "at least one of" groups are the schema's alone.
 */
final class PostmarkShape {
    private final List<PostmarkParam> params;
    private final List<List<String>> atLeastOneOf;

    private PostmarkShape(List<PostmarkParam> params, List<List<String>> atLeastOneOf) {
        this.params = List.copyOf(params);
        this.atLeastOneOf = List.copyOf(atLeastOneOf);
    }

    static PostmarkShape of(PostmarkParam... params) {
        return new PostmarkShape(List.of(params), List.of());
    }

    static PostmarkShape of(List<PostmarkParam> params) {
        return new PostmarkShape(params, List.of());
    }

    static PostmarkShape empty() {
        return new PostmarkShape(List.of(), List.of());
    }

    /** At least one of these properties must be given. */
    PostmarkShape requireOneOf(String... names) {
        List<List<String>> groups = new ArrayList<>(atLeastOneOf);
        groups.add(List.of(names));
        return new PostmarkShape(params, groups);
    }

    List<PostmarkParam> params() {
        return params;
    }

    Map<String, Object> jsonSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (PostmarkParam p : params) {
            properties.put(p.name, p.jsonSchema());
            if (p.required) {
                required.add(p.name);
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        if (atLeastOneOf.size() == 1) {
            schema.put("anyOf", anyOf(atLeastOneOf.get(0)));
        } else if (atLeastOneOf.size() > 1) {
            List<Object> all = new ArrayList<>();
            atLeastOneOf.forEach(group -> all.add(Map.of("anyOf", anyOf(group))));
            schema.put("allOf", all);
        }
        return schema;
    }

    private static List<Object> anyOf(List<String> group) {
        List<Object> options = new ArrayList<>();
        group.forEach(name -> options.add(Map.of("required", List.of(name))));
        return options;
    }

    /** The whole input of an action, in wire form; throws {@link InvalidInputException} naming the fields. */
    Map<String, Object> toWire(Map<String, Object> input) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Map<String, Object>> wire = toWire(input, "", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.get(0).message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : ""), errors);
        }
        return wire.orElseThrow();
    }

    Optional<Map<String, Object>> toWire(Object value, String path, List<FieldError> errors) {
        if (!(value instanceof Map<?, ?> input)) {
            errors.add(error(path.isEmpty() ? "input" : path, "must be an object."));
            return Optional.empty();
        }
        int before = errors.size();
        String prefix = path.isEmpty() ? "" : path + ".";
        Map<String, Object> wire = new LinkedHashMap<>(input.size() * 2);
        for (PostmarkParam p : params) {
            Object v = input.get(p.name);
            if (v == null) {
                if (p.required) {
                    errors.add(FieldError.of(prefix + p.name, "required", prefix + p.name + " is required."));
                } else if (p.defaultValue != null) {
                    wire.put(p.wire, p.defaultValue);
                }
                continue;
            }
            p.toWire(v, prefix + p.name, errors).ifPresent(w -> wire.put(p.wire, w));
        }
        return errors.size() == before ? Optional.of(wire) : Optional.empty();
    }

    static FieldError error(String field, String message) {
        return FieldError.of(field, "invalid", field + " " + message);
    }
}
