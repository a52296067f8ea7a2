package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.connectorhub.testkit.fake.FakeResponse;

/** Postmark's wire conventions: UpperCamelCase JSON, {@code {ErrorCode, Message}} errors, its date format. */
final class PostmarkWire {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Postmark answers in US Eastern time with seven fractional digits: 2014-02-17T07:25:01.4178645-05:00. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSXXX")
            .withZone(ZoneId.of("America/New_York"));

    private PostmarkWire() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String date(Instant instant) {
        return DATE.format(instant);
    }

    static FakeResponse ok(JsonNode body) {
        return FakeResponse.json(200, write(body));
    }

    static FakeResponse error(int status, int errorCode, String message) {
        ObjectNode body = object();
        body.put("ErrorCode", errorCode);
        body.put("Message", message);
        return FakeResponse.json(status, write(body));
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Thrown by a handler to answer with a Postmark error. */
    static final class PostmarkError extends RuntimeException {
        private final int status;
        private final int errorCode;

        PostmarkError(int status, int errorCode, String message) {
            super(message, null, false, false);
            this.status = status;
            this.errorCode = errorCode;
        }

        int errorCode() {
            return errorCode;
        }

        FakeResponse response() {
            return error(status, errorCode, getMessage());
        }
    }

    static PostmarkError unprocessable(int errorCode, String message) {
        return new PostmarkError(422, errorCode, message);
    }

    static PostmarkError notFound(int errorCode, String message) {
        return new PostmarkError(404, errorCode, message);
    }
}
