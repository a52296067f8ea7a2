package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.connectorhub.testkit.fake.FakeRequest;

import static org.connectorhub.testkit.postmark.PostmarkWire.unprocessable;

/** Reading Postmark requests: paging parameters, JSON bodies, typed fields, filters. */
final class PostmarkRequests {
    static final int MAX_COUNT = 500;

    private PostmarkRequests() {
    }

    record Page(int count, int offset) {
        <T> List<T> slice(List<T> items) {
            if (offset >= items.size()) {
                return List.of();
            }
            return items.subList(offset, Math.min(items.size(), offset + count));
        }
    }

    /** {@code count} (1..500) and {@code offset} are required on Postmark's list endpoints. */
    static Page page(FakeRequest request) {
        int count = intParam(request, "count");
        int offset = intParam(request, "offset");
        if (count < 1 || count > MAX_COUNT) {
            throw unprocessable(300, "The 'count' query parameter must be between 1 and " + MAX_COUNT + ".");
        }
        if (offset < 0) {
            throw unprocessable(300, "The 'offset' query parameter must not be negative.");
        }
        if (count + offset > 10000) {
            throw unprocessable(300, "Count + Offset cannot exceed 10,000 records.");
        }
        return new Page(count, offset);
    }

    static int intParam(FakeRequest request, String name) {
        String value = request.queryParam(name)
                .orElseThrow(() -> unprocessable(300, "The '" + name + "' query parameter is required."));
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw unprocessable(300, "The '" + name + "' query parameter must be a number.");
        }
    }

    static <T> Predicate<T> textFilter(FakeRequest request, String name, Function<T, String> value) {
        Optional<String> wanted = request.queryParam(name);
        if (wanted.isEmpty() || wanted.get().isEmpty()) {
            return item -> true;
        }
        return item -> wanted.get().equalsIgnoreCase(value.apply(item));
    }

    static JsonNode body(FakeRequest request) {
        if (request.body().isBlank()) {
            throw unprocessable(402, "Invalid JSON: the request body is empty.");
        }
        try {
            return PostmarkWire.JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw unprocessable(402, "Invalid JSON: the request body could not be parsed.");
        }
    }

    static ObjectNode bodyObject(FakeRequest request) {
        JsonNode body = body(request);
        if (!body.isObject()) {
            throw unprocessable(403, "Invalid request field(s): a JSON object is required.");
        }
        return (ObjectNode) body;
    }

    static String optionalText(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw unprocessable(403, "Invalid request field(s) - " + field + ": a string is required.");
        }
        return value.asText();
    }

    static String requiredText(JsonNode object, String field) {
        String value = optionalText(object, field);
        if (value == null || value.isBlank()) {
            throw unprocessable(300, "The '" + field + "' field is required.");
        }
        return value.trim();
    }

    /** Postmark lists messages and bounces newest first. */
    static <T> List<T> newestFirst(List<T> items) {
        List<T> reversed = new ArrayList<>(items);
        Collections.reverse(reversed);
        return reversed;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node.properties();
    }
}
