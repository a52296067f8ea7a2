package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.spi.ProviderEvent;

/**
 * One Postmark webhook payload (team fact sheet on Postmark webhooks, section 2) into a
 * normalised event. Keys are read in any case ({@code ServerID} and {@code ServerId} are both
 * seen); a payload without {@code RecordType} but with {@code From} is inbound email, as Postmark
 * sends it; an unknown {@code RecordType} is {@code email.unknown} with its raw payload.
 */
final class PostmarkEventReader {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    /** Bounce types after which Postmark will not send to the address again. */
    private static final Set<String> HARD = Set.of("HardBounce", "BadEmailAddress", "ManuallyDeactivated", "Blocked",
            "SpamComplaint", "DMARCPolicy", "Unconfirmed");

    private final ObjectMapper mapper;

    PostmarkEventReader(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    ProviderEvent read(byte[] body, boolean includeAttachments) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw InvalidInputException.onField("body", "The body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw InvalidInputException.onField("body", "The body is not a JSON object.");
        }
        ObjectNode json = (ObjectNode) node;
        String recordType = text(json, "RecordType");
        if (recordType == null || recordType.isEmpty()) {
            recordType = field(json, "FromFull") != null || field(json, "From") != null ? "Inbound" : "";
        }
        Map<String, Object> fields = common(json);
        String type;
        switch (recordType) {
            case "Bounce", "SpamComplaint" -> {
                type = recordType.equals("Bounce") ? "email.bounced" : "email.spam_complaint";
                Map<String, Object> bounce = new LinkedHashMap<>();
                String bounceType = text(json, "Type");
                bounce.put("id", value(json, "ID"));
                bounce.put("type", bounceType);
                bounce.put("type_code", value(json, "TypeCode"));
                bounce.put("hard", bounceType != null && HARD.contains(bounceType) || bool(json, "Inactive"));
                bounce.put("description", text(json, "Description"));
                bounce.put("details", text(json, "Details"));
                bounce.put("inactive", bool(json, "Inactive"));
                bounce.put("can_activate", bool(json, "CanActivate"));
                fields.put("bounce", bounce);
                fields.put("subject", text(json, "Subject"));
            }
            case "Delivery" -> {
                type = "email.delivered";
                fields.put("details", text(json, "Details"));
            }
            case "Open" -> {
                type = "email.opened";
                fields.put("first_open", value(json, "FirstOpen"));
                fields.put("read_seconds", value(json, "ReadSeconds"));
                tracking(json, fields);
            }
            case "Click" -> {
                type = "email.clicked";
                fields.put("link", text(json, "OriginalLink"));
                fields.put("click_location", text(json, "ClickLocation"));
                tracking(json, fields);
            }
            case "SubscriptionChange" -> {
                type = "email.subscription_changed";
                JsonNode suppress = field(json, "SuppressSending");
                // missing means suppressed (django-anymail's reading since Dec 2025)
                fields.put("suppress_sending", suppress == null || suppress.isNull() || suppress.asBoolean(true));
                fields.put("reason", text(json, "SuppressionReason"));
                fields.put("origin", text(json, "Origin"));
            }
            case "Inbound" -> {
                type = "email.inbound";
                inbound(json, fields, includeAttachments);
            }
            default -> type = ProviderEvent.UNKNOWN;
        }
        fields.put("record_type", recordType.isEmpty() ? null : recordType);
        ObjectNode raw = json.deepCopy();
        if (!includeAttachments) {
            JsonNode attachments = field(raw, "Attachments");
            if (attachments != null && attachments.isArray()) {
                attachments.forEach(a -> {
                    if (a.isObject()) {
                        ((ObjectNode) a).remove("Content");
                    }
                });
            }
        }
        return new ProviderEvent(type, fields, mapper.convertValue(raw, MAP), eventKey(recordType, json, fields));
    }

    private Map<String, Object> common(ObjectNode json) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message_id", text(json, "MessageID"));
        String recipient = text(json, "Email");
        fields.put("recipient", recipient != null ? recipient : text(json, "Recipient"));
        fields.put("message_stream", text(json, "MessageStream"));
        String tag = text(json, "Tag");
        fields.put("tag", tag == null || tag.isEmpty() ? null : tag);
        JsonNode metadata = field(json, "Metadata");
        Map<String, Object> meta = new LinkedHashMap<>();
        if (metadata != null && metadata.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                meta.put(entry.getKey(), entry.getValue().isValueNode() ? entry.getValue().asText() : entry.getValue().toString());
            }
        }
        fields.put("metadata", meta);
        String at = null;
        for (String name : List.of("DeliveredAt", "BouncedAt", "ReceivedAt", "ChangedAt")) {
            at = text(json, name);
            if (at != null) {
                break;
            }
        }
        fields.put("occurred_at", at == null ? null : instant(at));
        fields.put("server_id", value(json, "ServerID"));
        return fields;
    }

    private void tracking(ObjectNode json, Map<String, Object> fields) {
        fields.put("platform", text(json, "Platform"));
        fields.put("client", nested(json, "Client", "Name"));
        fields.put("os", nested(json, "OS", "Name"));
        fields.put("user_agent", text(json, "UserAgent"));
        JsonNode geo = field(json, "Geo");
        fields.put("geo", geo != null && geo.isObject() ? mapper.convertValue(geo, MAP) : null);
    }

    private void inbound(ObjectNode json, Map<String, Object> fields, boolean includeAttachments) {
        JsonNode fromFull = field(json, "FromFull");
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("email", fromFull != null ? text(fromFull, "Email") : text(json, "From"));
        from.put("name", fromFull != null ? text(fromFull, "Name") : text(json, "FromName"));
        fields.put("from", from);
        fields.put("to", addresses(field(json, "ToFull")));
        fields.put("cc", addresses(field(json, "CcFull")));
        fields.put("subject", text(json, "Subject"));
        fields.put("text", text(json, "TextBody"));
        fields.put("html", text(json, "HtmlBody"));
        fields.put("stripped_text_reply", text(json, "StrippedTextReply"));
        fields.put("mailbox_hash", text(json, "MailboxHash"));
        fields.put("reply_to", text(json, "ReplyTo"));
        String original = text(json, "OriginalRecipient");
        if (fields.get("recipient") == null) {
            fields.put("recipient", original != null && !original.isEmpty() ? original : text(json, "To"));
        }
        String date = text(json, "Date");
        fields.put("date", date);
        fields.put("occurred_at", date == null ? null : rfc1123(date));
        List<Map<String, Object>> attachments = new ArrayList<>();
        JsonNode list = field(json, "Attachments");
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                Map<String, Object> attachment = new LinkedHashMap<>();
                attachment.put("name", text(item, "Name"));
                attachment.put("content_type", text(item, "ContentType"));
                attachment.put("size", value(item, "ContentLength"));
                attachment.put("content_id", text(item, "ContentID"));
                if (includeAttachments) {
                    attachment.put("content", text(item, "Content"));
                }
                attachments.add(attachment);
            }
        }
        fields.put("attachments", attachments);
    }

    private static List<Map<String, Object>> addresses(JsonNode list) {
        List<Map<String, Object>> addresses = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                Map<String, Object> address = new LinkedHashMap<>();
                address.put("email", text(item, "Email"));
                address.put("name", text(item, "Name"));
                address.put("mailbox_hash", text(item, "MailboxHash"));
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** Names one event across Postmark's retries; empty when the payload cannot (the hub hashes the body then). */
    private static Optional<String> eventKey(String recordType, ObjectNode json, Map<String, Object> fields) {
        Object id = value(json, "ID");
        if ((recordType.equals("Bounce") || recordType.equals("SpamComplaint")) && id != null) {
            return Optional.of(recordType + ":" + id);
        }
        Object messageId = fields.get("message_id");
        if (messageId == null) {
            return Optional.empty();
        }
        if (recordType.equals("Inbound")) {
            return Optional.of("Inbound:" + messageId);
        }
        if (recordType.isEmpty() || fields.get("occurred_at") == null) {
            return Optional.empty();
        }
        return Optional.of(recordType + ":" + messageId + ":" + fields.get("recipient") + ":" + fields.get("occurred_at")
                + (fields.get("link") == null ? "" : ":" + fields.get("link")));
    }

    private static String instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toString();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text).toString();
            } catch (DateTimeParseException again) {
                return text;
            }
        }
    }

    private static String rfc1123(String text) {
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A field by name in any case. */
    static JsonNode field(JsonNode json, String name) {
        JsonNode exact = json.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return json.get(key);
            }
        }
        return null;
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = field(json, name);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static String nested(JsonNode json, String name, String inner) {
        JsonNode value = field(json, name);
        return value == null || !value.isObject() ? null : text(value, inner);
    }

    private static boolean bool(JsonNode json, String name) {
        JsonNode value = field(json, name);
        return value != null && value.asBoolean(false);
    }

    private static Object value(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.isValueNode() ? value.asText() : null;
    }
}
