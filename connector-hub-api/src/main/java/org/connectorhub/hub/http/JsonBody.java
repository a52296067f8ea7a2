package org.connectorhub.hub.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.connectorhub.core.domain.FieldError;

/**
 * A request's JSON object, read with checks in this order: media type (415), size (413: the
 * declared length first, then a capped read, so an oversized body is never held whole), syntax
 * (400). Accessors report wrong types as 400 and missing required members as 422, naming the
 * member and never echoing a value.
 */
public final class JsonBody {
    private static final int SMALL_BODY = 64 * 1024;
    private final ObjectNode node;
    private final byte[] raw;

    private JsonBody(ObjectNode node, byte[] raw) {
        this.node = node;
        this.raw = raw;
    }

    public static JsonBody read(Context ctx, ObjectMapper mapper, long maxBytes) {
        requireJsonContentType(ctx);
        byte[] bytes = readCapped(ctx, maxBytes);
        return parse(bytes, mapper);
    }

    static JsonBody parse(byte[] bytes, ObjectMapper mapper) {
        JsonNode parsed;
        try {
            parsed = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            // The parser's message may quote the input; say only where it broke.
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw ApiException.badRequest("The request body is not valid JSON" + where + ".", List.of());
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read.", List.of());
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw ApiException.badRequest("The request body is empty; a JSON object is expected.", List.of());
        }
        if (!parsed.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.", List.of());
        }
        return new JsonBody((ObjectNode) parsed, bytes);
    }

    static void requireJsonContentType(Context ctx) {
        String contentType = ctx.header("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new ApiException(Problem.of(415, "unsupported_media_type", "Unsupported media type",
                    "Send the request body as JSON with 'Content-Type: application/json'."));
        }
    }

    static byte[] readCapped(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0 && declared <= SMALL_BODY) {
                // the usual small body with a Content-Length: one exact array, no copies
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                if (read < body.length || in.read() != -1) {
                    // shorter or longer than it said (the server frames by Content-Length, so hardly ever)
                    throw ApiException.badRequest("The request body does not match its Content-Length.", List.of());
                }
                return body;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 256), 64 * 1024));
            byte[] buffer = new byte[8192];
            long total = 0;
            int read;
            while ((read = in.read(buffer)) != -1) {
                total += read;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read.", List.of());
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(Problem.of(413, "payload_too_large", "Payload too large",
                "The request body is larger than " + maxBytes + " bytes."));
    }

    public byte[] raw() {
        return raw.clone();
    }

    public ObjectNode node() {
        return node;
    }

    public boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    public String requiredString(String field) {
        return optionalString(field).filter(s -> !s.isBlank()).orElseThrow(() -> ApiException.required(field));
    }

    /** A required string of at most {@code maxLength} characters. */
    public String requiredString(String field, int maxLength) {
        return checkLength(field, requiredString(field), maxLength);
    }

    /** An optional string of at most {@code maxLength} characters. */
    public Optional<String> optionalString(String field, int maxLength) {
        return optionalString(field).map(value -> checkLength(field, value, maxLength));
    }

    private static String checkLength(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            String message = "'" + field + "' has more than " + maxLength + " characters.";
            throw new ApiException(Problem.of(422, "invalid_input", "Invalid input", message)
                    .withErrors(List.of(FieldError.of(field, "too_long", message))));
        }
        return value;
    }

    // PostgreSQL cannot store NUL in text, and no name, token or label needs one.
    private static String checkText(String field, String value) {
        if (value.indexOf(0) >= 0) {
            String message = "'" + field + "' must not contain NUL characters.";
            throw new ApiException(Problem.of(422, "invalid_input", "Invalid input", message)
                    .withErrors(List.of(FieldError.of(field, "invalid_characters", message))));
        }
        return value;
    }

    public Optional<String> optionalString(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.wrongType(field, "a string");
        }
        return Optional.of(checkText(field, value.asText()));
    }

    public OptionalInt optionalInt(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.wrongType(field, "an integer");
        }
        return OptionalInt.of(value.intValue());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiException.wrongType(field, "a boolean");
        }
        return Optional.of(value.booleanValue());
    }

    /** An object of string values ({@code metadata}, {@code credentials}). */
    public Optional<Map<String, String>> optionalStringMap(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw ApiException.wrongType(field, "an object");
        }
        Map<String, String> map = new LinkedHashMap<>();
        var members = value.properties().iterator();
        while (members.hasNext()) {
            var member = members.next();
            if (!member.getValue().isTextual()) {
                String wrong = field + "." + EchoedNames.shown(member.getKey());
                String message = "'" + wrong + "' must be a string.";
                throw ApiException.badRequest(message, List.of(FieldError.of(wrong, "wrong_type", message)));
            }
            String name = field + "." + EchoedNames.shown(member.getKey());
            checkText(name, member.getKey());
            map.put(member.getKey(), checkText(name, member.getValue().asText()));
        }
        return Optional.of(map);
    }

    public Map<String, String> requiredStringMap(String field) {
        return optionalStringMap(field).orElseThrow(() -> ApiException.required(field));
    }

    /** Refuses members the endpoint does not know, so typos do not pass silently. */
    public JsonBody allowOnly(String... fields) {
        List<String> allowed = List.of(fields);
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String shown = EchoedNames.shown(name);
                String message = "Unknown member '" + shown + "'; this endpoint accepts " + allowed + ".";
                throw new ApiException(Problem.of(422, "invalid_input", "Invalid input", message)
                        .withErrors(List.of(FieldError.of(shown, "unknown_field", message))));
            }
        }
        return this;
    }
}
