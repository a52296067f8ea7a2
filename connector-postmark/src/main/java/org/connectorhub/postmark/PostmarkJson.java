package org.connectorhub.postmark;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Postmark's JSON: the mapper for its UpperCamelCase wire names, and the mapping back to snake_case. */
final class PostmarkJson {
    /** Never handed out: they hold the server's tokens. */
    static final Set<String> DROPPED = Set.of("ApiTokens");
    /** User data whose keys are the user's own, copied as they are. */
    static final Set<String> OPAQUE = Set.of("Metadata", "TemplateModel", "TestRenderModel", "SuggestedTemplateModel");

    private PostmarkJson() {
    }

    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                // A custom mapper loses Feign's lenient default: Postmark adds fields over time.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .build();
    }

    /** Postmark's answer as our output: maps and lists with snake_case keys, no tokens. */
    static Object toOutput(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (DROPPED.contains(field.getKey())) {
                    continue;
                }
                out.put(snakeCase(field.getKey()),
                        OPAQUE.contains(field.getKey()) ? verbatim(field.getValue()) : toOutput(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(item -> out.add(toOutput(item)));
            return out;
        }
        return scalar(node);
    }

    /** User data: kept as the user wrote it, keys untouched. */
    private static Object verbatim(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.properties().forEach(f -> out.put(f.getKey(), verbatim(f.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(item -> out.add(verbatim(item)));
            return out;
        }
        return scalar(node);
    }

    private static Object scalar(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue() : node.canConvertToLong() ? node.longValue()
                    : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asText();
    }

    /**
     * {@code MessageID} → {@code message_id}, {@code SPFVerified} → {@code spf_verified},
     * {@code TemplateId} → {@code template_id}: a word ends before an upper-case letter that
     * follows a lower-case one or a digit, and before the last capital of a run followed by lower case.
     */
    static String snakeCase(String wire) {
        StringBuilder out = new StringBuilder(wire.length() + 8);
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char prev = wire.charAt(i - 1);
                boolean nextIsLower = i + 1 < wire.length() && Character.isLowerCase(wire.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextIsLower)) {
                    out.append('_');
                }
            }
            out.append(c == '-' || c == ' ' ? '_' : Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
