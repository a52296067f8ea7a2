package org.connectorhub.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Inputs built from an action's own JSON Schema (as maps): a valid one when no sample is given,
 * and, on top of a valid one, one input per declared limit that breaks just that limit
 * ({@code pattern}, {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum} and
 * their exclusive forms, {@code enum}, {@code additionalProperties: false}, {@code required}
 * at any depth, {@code minItems}/{@code maxItems}). The contract checks each against the schema
 * with a real validator before using it, so a value this class guesses wrong is dropped, not
 * blamed on the connector.
 */
final class SchemaLimits {
    /** An input breaking one limit, and which, in words. */
    record Case(String what, Map<String, Object> input) {
    }

    /** Strings tried in turn where a pattern must be broken; the first is the classic path escape. */
    private static final List<String> PATTERN_BREAKERS = List.of("../../users/me", "not valid!", " ", "a b",
            "<script>", "%2e%2e%2f", "\n", "0", "a", "");
    /** Strings tried in turn where a valid string is needed. */
    private static final List<String> VALID_GUESSES = List.of("example", "a", "A1", "name@example.com", "2024-01-31",
            "example.com", "outbound", "dGVzdA==", "00000000-0000-4000-8000-000000000000", "https://example.com/x",
            "Example", "1");
    private static final String UNKNOWN_PROPERTY = "unexpected_property";

    private SchemaLimits() {
    }

    /** A small input that the schema accepts, if one can be guessed from it. */
    static Optional<Map<String, Object>> validInput(Map<String, Object> schema) {
        Object value = valid(schema);
        if (!(value instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) map;
        return JsonSchemas.violations(schema, input).isEmpty() ? Optional.of(input) : Optional.empty();
    }

    /** One input per limit the schema declares, each built on {@code valid}. */
    static List<Case> breaking(Map<String, Object> schema, Map<String, Object> valid) {
        List<Case> cases = new ArrayList<>();
        object(schema, valid, "", UnaryOperator.identity(), cases);
        return cases;
    }

    // ---------------------------------------------------------------- breaking

    private static void object(Map<?, ?> schema, Map<String, Object> value, String path,
            UnaryOperator<Map<String, Object>> whole, List<Case> cases) {
        String at = path.isEmpty() ? "the input" : "'" + path + "'";
        if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
            Map<String, Object> extra = copy(value);
            extra.put(UNKNOWN_PROPERTY, "x");
            cases.add(new Case(at + " with an unknown property '" + UNKNOWN_PROPERTY
                    + "' (additionalProperties: false)", whole.apply(extra)));
        }
        if (schema.get("required") instanceof List<?> required) {
            for (Object name : required) {
                if (value.containsKey(String.valueOf(name))) {
                    Map<String, Object> without = copy(value);
                    without.remove(String.valueOf(name));
                    cases.add(new Case(at + " without its required '" + name + "'", whole.apply(without)));
                }
            }
        }
        if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
            return;
        }
        properties.forEach((key, propertySchema) -> {
            if (!(propertySchema instanceof Map<?, ?> property)) {
                return;
            }
            String name = String.valueOf(key);
            String propertyPath = path.isEmpty() ? name : path + "." + name;
            Object current = value.get(name);
            UnaryOperator<Object> with = replacement -> {
                Map<String, Object> changed = copy(value);
                changed.put(name, replacement);
                return whole.apply(changed);
            };
            for (Map.Entry<String, Object> broken : breakingValues(property, current).entrySet()) {
                cases.add(new Case("'" + propertyPath + "' = " + show(broken.getValue()) + " (" + broken.getKey() + ")",
                        asInput(with.apply(broken.getValue()))));
            }
            if (isType(property, "object") || property.containsKey("properties")) {
                Object nested = current != null ? current : valid(property);
                if (nested instanceof Map<?, ?> nestedMap) {
                    object(property, copy(nestedMap), propertyPath,
                            replacement -> asInput(with.apply(replacement)), cases);
                }
            }
            if (isType(property, "array") || property.containsKey("items")) {
                array(property, current, propertyPath, with, cases);
            }
        });
    }

    private static void array(Map<?, ?> schema, Object current, String path, UnaryOperator<Object> with,
            List<Case> cases) {
        List<Object> items = current instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
        Object itemSchema = schema.get("items");
        Object item = !items.isEmpty() ? items.get(0) : itemSchema instanceof Map<?, ?> m ? valid(m) : "x";
        if (schema.get("maxItems") instanceof Number max) {
            List<Object> tooMany = new ArrayList<>(Collections.nCopies(max.intValue() + 1, item));
            cases.add(new Case("'" + path + "' with " + tooMany.size() + " items (maxItems " + max + ")",
                    asInput(with.apply(tooMany))));
        }
        if (schema.get("minItems") instanceof Number min && min.intValue() > 0) {
            List<Object> tooFew = new ArrayList<>(Collections.nCopies(min.intValue() - 1, item));
            cases.add(new Case("'" + path + "' with " + tooFew.size() + " items (minItems " + min + ")",
                    asInput(with.apply(tooFew))));
        }
        if (itemSchema instanceof Map<?, ?> itemMap && item instanceof Map<?, ?> first
                && (isType(itemMap, "object") || itemMap.containsKey("properties"))) {
            List<Object> base = items.isEmpty() ? new ArrayList<>(List.of(first)) : items;
            object(itemMap, copy(first), path + "[0]", replacement -> {
                List<Object> changed = new ArrayList<>(base);
                changed.set(0, replacement);
                return asInput(with.apply(changed));
            }, cases);
        }
    }

    /** Limit, in words → a value breaking it, for one property. */
    private static Map<String, Object> breakingValues(Map<?, ?> schema, Object current) {
        Map<String, Object> values = new LinkedHashMap<>();
        Integer minLength = intOf(schema.get("minLength"));
        Integer maxLength = intOf(schema.get("maxLength"));
        String sample = current instanceof String s && !s.isEmpty() ? s : null;
        if (schema.get("pattern") instanceof String regex) {
            patternBreaker(regex, minLength, maxLength).ifPresent(v -> values.put("breaks pattern " + regex, v));
        }
        if (minLength != null && minLength > 0) {
            String base = sample != null ? sample : "a".repeat(minLength);
            values.put("shorter than minLength " + minLength, base.substring(0, Math.min(base.length(), minLength - 1)));
        }
        if (maxLength != null) {
            String base = sample != null ? sample : "a";
            StringBuilder longer = new StringBuilder(base);
            while (longer.length() <= maxLength) {
                longer.append(base);
            }
            values.put("longer than maxLength " + maxLength, longer.substring(0, maxLength + 1));
        }
        if (schema.get("enum") instanceof List<?> allowed) {
            values.put("not one of enum " + allowed, allowed.contains("not_one_of_the_values")
                    ? "not_one_of_the_values_either" : "not_one_of_the_values");
        }
        if (schema.containsKey("const")) {
            values.put("not the const " + schema.get("const"), "not_the_const_value");
        }
        boolean integer = isType(schema, "integer");
        if (schema.get("minimum") instanceof Number min) {
            values.put("below minimum " + min, integer ? (Object) (min.longValue() - 1) : min.doubleValue() - 0.5);
        }
        if (schema.get("maximum") instanceof Number max) {
            values.put("above maximum " + max, integer ? (Object) (max.longValue() + 1) : max.doubleValue() + 0.5);
        }
        if (schema.get("exclusiveMinimum") instanceof Number min) {
            values.put("not above exclusiveMinimum " + min, min);
        }
        if (schema.get("exclusiveMaximum") instanceof Number max) {
            values.put("not below exclusiveMaximum " + max, max);
        }
        return values;
    }

    /** A string the pattern does not find, within the length limits if one is. */
    private static Optional<String> patternBreaker(String regex, Integer minLength, Integer maxLength) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
        String fallback = null;
        for (String candidate : PATTERN_BREAKERS) {
            if (pattern.matcher(candidate).find()) {
                continue;
            }
            boolean fits = (minLength == null || candidate.length() >= minLength)
                    && (maxLength == null || candidate.length() <= maxLength);
            if (fits) {
                return Optional.of(candidate);
            }
            if (fallback == null) {
                fallback = candidate;
            }
        }
        return Optional.ofNullable(fallback);
    }

    // ---------------------------------------------------------------- valid values

    private static Object valid(Map<?, ?> schema) {
        if (schema.containsKey("const")) {
            return schema.get("const");
        }
        if (schema.get("enum") instanceof List<?> allowed && !allowed.isEmpty()) {
            return allowed.get(0);
        }
        if (schema.containsKey("default")) {
            return schema.get("default");
        }
        if (schema.get("examples") instanceof List<?> examples && !examples.isEmpty()) {
            return examples.get(0);
        }
        if (isType(schema, "object") || schema.containsKey("properties")) {
            return validObject(schema);
        }
        if (isType(schema, "string")) {
            return validString(schema);
        }
        if (isType(schema, "integer") || isType(schema, "number")) {
            if (schema.get("minimum") instanceof Number min) {
                return min.longValue() == min.doubleValue() ? (Object) min.longValue() : min;
            }
            if (schema.get("exclusiveMinimum") instanceof Number min) {
                return min.longValue() + 1;
            }
            if (schema.get("maximum") instanceof Number max && max.doubleValue() < 1) {
                return max.longValue();
            }
            return 1L;
        }
        if (isType(schema, "boolean")) {
            return true;
        }
        if (isType(schema, "array")) {
            int min = Optional.ofNullable(intOf(schema.get("minItems"))).orElse(0);
            Object item = schema.get("items") instanceof Map<?, ?> items ? valid(items) : "x";
            return new ArrayList<>(Collections.nCopies(min, item));
        }
        return null;
    }

    private static Map<String, Object> validObject(Map<?, ?> schema) {
        Map<String, Object> object = new LinkedHashMap<>();
        Map<?, ?> properties = schema.get("properties") instanceof Map<?, ?> p ? p : Map.of();
        List<Object> required = new ArrayList<>();
        if (schema.get("required") instanceof List<?> list) {
            required.addAll(list);
        }
        // "at least one of" groups: anyOf / oneOf of required lists, also inside allOf
        List<Object> groups = new ArrayList<>();
        for (String keyword : List.of("anyOf", "oneOf")) {
            if (schema.get(keyword) instanceof List<?> options) {
                groups.add(options);
            }
        }
        if (schema.get("allOf") instanceof List<?> all) {
            for (Object part : all) {
                if (part instanceof Map<?, ?> partMap) {
                    for (String keyword : List.of("anyOf", "oneOf", "required")) {
                        if (partMap.get(keyword) instanceof List<?> options) {
                            if (keyword.equals("required")) {
                                required.addAll(options);
                            } else {
                                groups.add(options);
                            }
                        }
                    }
                }
            }
        }
        for (Object group : groups) {
            if (group instanceof List<?> options && !options.isEmpty() && options.get(0) instanceof Map<?, ?> first
                    && first.get("required") instanceof List<?> names) {
                required.addAll(names);
            }
        }
        for (Object name : required) {
            if (object.containsKey(String.valueOf(name))) {
                continue;
            }
            Object propertySchema = properties.get(name);
            Object value = propertySchema instanceof Map<?, ?> p ? valid(p) : "x";
            if (value != null) {
                object.put(String.valueOf(name), value);
            }
        }
        return object;
    }

    private static String validString(Map<?, ?> schema) {
        Integer minLength = intOf(schema.get("minLength"));
        Integer maxLength = intOf(schema.get("maxLength"));
        Pattern pattern = null;
        if (schema.get("pattern") instanceof String regex) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                return "x";
            }
        }
        List<String> guesses = new ArrayList<>(VALID_GUESSES);
        if (minLength != null) {
            guesses.add("a".repeat(minLength));
        }
        for (String guess : guesses) {
            boolean fits = (pattern == null || pattern.matcher(guess).find())
                    && (minLength == null || guess.length() >= minLength)
                    && (maxLength == null || guess.length() <= maxLength);
            if (fits) {
                return guess;
            }
        }
        return "x";
    }

    // ---------------------------------------------------------------- helpers

    private static boolean isType(Map<?, ?> schema, String type) {
        Object declared = schema.get("type");
        return type.equals(declared) || declared instanceof List<?> types && types.contains(type);
    }

    private static Integer intOf(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asInput(Object value) {
        return (Map<String, Object>) value;
    }

    private static String show(Object value) {
        String text = value instanceof String s ? "\"" + s.replace("\n", "\\n") + "\"" : String.valueOf(value);
        return text.length() <= 40 ? text : text.substring(0, 37) + "...(" + text.length() + " chars)";
    }
}
