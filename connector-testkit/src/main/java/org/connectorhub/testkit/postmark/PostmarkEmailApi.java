package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.connectorhub.testkit.fake.FakeRequest;
import org.connectorhub.testkit.fake.FakeResponse;
import org.connectorhub.testkit.postmark.PostmarkAddresses.Address;
import org.connectorhub.testkit.postmark.PostmarkModel.MessageState;
import org.connectorhub.testkit.postmark.PostmarkModel.Recipients;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;
import org.connectorhub.testkit.postmark.PostmarkModel.TemplateState;
import org.connectorhub.testkit.postmark.PostmarkRoutes.TestToken;
import org.connectorhub.testkit.postmark.PostmarkWire.PostmarkError;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.testkit.postmark.PostmarkRequests.body;
import static org.connectorhub.testkit.postmark.PostmarkRequests.bodyObject;
import static org.connectorhub.testkit.postmark.PostmarkRequests.isBlank;
import static org.connectorhub.testkit.postmark.PostmarkRequests.iterable;
import static org.connectorhub.testkit.postmark.PostmarkRequests.optionalText;
import static org.connectorhub.testkit.postmark.PostmarkWire.date;
import static org.connectorhub.testkit.postmark.PostmarkWire.object;
import static org.connectorhub.testkit.postmark.PostmarkWire.ok;
import static org.connectorhub.testkit.postmark.PostmarkWire.unprocessable;

/**
 * Sending: {@code POST /email}, {@code /email/batch}, {@code /email/withTemplate} and
 * {@code /email/batchWithTemplates}, with Postmark's payload rules (From, To, a body, at most 50
 * addresses per field, batch sizes, suppressed recipients, optional sender-signature checks).
 */
final class PostmarkEmailApi {
    private final PostmarkState state;

    PostmarkEmailApi(PostmarkState state) {
        this.state = requireNonNull(state, "state is null");
    }

    void register(PostmarkRoutes routes) {
        routes.server("POST", "/email", TestToken.SEND, this::sendEmail);
        routes.server("POST", "/email/batch", TestToken.SEND, this::sendBatch);
        routes.server("POST", "/email/withTemplate", TestToken.TEMPLATE_SEND, this::sendWithTemplate);
        routes.server("POST", "/email/batchWithTemplates", TestToken.TEMPLATE_SEND, this::sendBatchWithTemplates);
    }

    private FakeResponse sendEmail(FakeRequest request, ServerState server) {
        ObjectNode message = bodyObject(request);
        return ok(accept(message, validateEmail(message, server, true), server));
    }

    private FakeResponse sendBatch(FakeRequest request, ServerState server) {
        JsonNode body = body(request);
        if (!body.isArray()) {
            throw unprocessable(403, "Invalid request field(s): a batch is a JSON array of messages.");
        }
        checkBatchSize(body.size());
        ArrayNode results = PostmarkWire.JSON.createArrayNode();
        for (JsonNode message : body) {
            results.add(batchEntry(message, server, false));
        }
        return ok(results);
    }

    private FakeResponse sendWithTemplate(FakeRequest request, ServerState server) {
        ObjectNode message = bodyObject(request);
        return ok(acceptTemplated(message, server));
    }

    private FakeResponse sendBatchWithTemplates(FakeRequest request, ServerState server) {
        ObjectNode body = bodyObject(request);
        JsonNode messages = body.get("Messages");
        if (messages == null || !messages.isArray()) {
            throw unprocessable(403, "Invalid request field(s) - Messages: a JSON array of templated messages is required.");
        }
        checkBatchSize(messages.size());
        ArrayNode results = PostmarkWire.JSON.createArrayNode();
        for (JsonNode message : messages) {
            results.add(batchEntry(message, server, true));
        }
        return ok(results);
    }

    private ObjectNode batchEntry(JsonNode message, ServerState server, boolean templated) {
        try {
            if (!message.isObject()) {
                throw unprocessable(403, "Invalid request field(s): each message must be a JSON object.");
            }
            ObjectNode object = (ObjectNode) message;
            return templated ? acceptTemplated(object, server) : accept(object, validateEmail(object, server, true), server);
        } catch (PostmarkError e) {
            ObjectNode error = object();
            error.put("ErrorCode", e.errorCode());
            error.put("Message", e.getMessage());
            return error;
        }
    }

    private static void checkBatchSize(int size) {
        if (size > FakePostmark.MAX_BATCH_SIZE) {
            throw unprocessable(410, "Too many batch messages: " + size + " given, at most " + FakePostmark.MAX_BATCH_SIZE + " are allowed.");
        }
        if (size == 0) {
            throw unprocessable(300, "The batch is empty: provide at least one message.");
        }
    }

    private ObjectNode acceptTemplated(ObjectNode message, ServerState server) {
        JsonNode id = message.get("TemplateId");
        String alias = optionalText(message, "TemplateAlias");
        if ((id == null || id.isNull()) && alias == null) {
            throw unprocessable(1101, "Provide either 'TemplateId' or 'TemplateAlias'.");
        }
        JsonNode model = message.get("TemplateModel");
        if (model == null || !model.isObject()) {
            throw unprocessable(403, "Invalid request field(s) - TemplateModel: an object is required.");
        }
        TemplateState template = server.templates.stream()
                .filter(candidate -> id != null && !id.isNull() ? candidate.id == id.asLong() : alias.equalsIgnoreCase(candidate.alias))
                .findFirst()
                .orElseThrow(() -> unprocessable(1101, "The template was not found on this server."));
        Recipients recipients = validateEmail(message, server, false);
        return accept(message, recipients, server, render(template.subject, model), render(template.htmlBody, model),
                render(template.textBody, model));
    }

    private ObjectNode accept(ObjectNode message, Recipients recipients, ServerState server) {
        return accept(message, recipients, server, optionalText(message, "Subject"), optionalText(message, "HtmlBody"),
                optionalText(message, "TextBody"));
    }

    private ObjectNode accept(ObjectNode message, Recipients recipients, ServerState server, String subject, String html,
            String text) {
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        state.sent.add(Collections.unmodifiableMap(PostmarkWire.JSON.convertValue(message, new TypeReference<LinkedHashMap<String, Object>>() { })));
        if (server != null) {
            server.messages.add(new MessageState(messageId, message, recipients, subject, html, text, now));
        }
        ObjectNode response = object();
        response.put("To", optionalText(message, "To"));
        response.put("SubmittedAt", date(now));
        response.put("MessageID", messageId);
        response.put("ErrorCode", 0);
        response.put("Message", server == null ? "Test job accepted" : "OK");
        return response;
    }

    /** Postmark's /email rules; a null server is the test token (payload checks only). */
    private Recipients validateEmail(ObjectNode message, ServerState server, boolean requireBody) {
        String from = optionalText(message, "From");
        Address sender = PostmarkAddresses.parse(from)
                .orElseThrow(() -> unprocessable(300, "Invalid 'From' address: '" + (from == null ? "" : from) + "'."));
        String to = optionalText(message, "To");
        if (to == null || to.isBlank()) {
            throw unprocessable(300, "Zero recipients specified: provide at least one address in 'To'.");
        }
        Recipients recipients = new Recipients(sender, addresses(message, "To"), addresses(message, "Cc"), addresses(message, "Bcc"));
        if (requireBody && isBlank(optionalText(message, "HtmlBody")) && isBlank(optionalText(message, "TextBody"))) {
            throw unprocessable(300, "Provide either email TextBody or HtmlBody or both.");
        }
        String trackLinks = optionalText(message, "TrackLinks");
        if (trackLinks != null && !PostmarkState.TRACK_LINKS.contains(trackLinks)) {
            throw unprocessable(300, "Invalid 'TrackLinks' value '" + trackLinks + "'; use one of " + PostmarkState.TRACK_LINKS + ".");
        }
        if (server == null) {
            return recipients;
        }
        String stream = Optional.ofNullable(optionalText(message, "MessageStream")).orElse("outbound");
        if (server.streams.stream().noneMatch(candidate -> candidate.get("ID").asText().equalsIgnoreCase(stream))) {
            throw unprocessable(1235, "The message stream for the provided 'ID' was not found.");
        }
        if (state.enforceSenderSignatures) {
            checkSender(sender);
        }
        List<String> suppressed = recipients.all().stream().map(Address::email)
                .filter(email -> state.inactive.containsKey(email.toLowerCase(Locale.ROOT))).toList();
        if (!suppressed.isEmpty()) {
            throw unprocessable(406, "You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: "
                    + String.join(", ", suppressed) + ". Inactive recipients are ones that have generated a hard bounce, "
                    + "a spam complaint, or a manual suppression.");
        }
        return recipients;
    }

    private List<Address> addresses(ObjectNode message, String field) {
        String value = optionalText(message, field);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Address> result = new ArrayList<>();
        for (String part : PostmarkAddresses.split(value)) {
            result.add(PostmarkAddresses.parse(part)
                    .orElseThrow(() -> unprocessable(300, "Invalid '" + field + "' address: '" + part + "'.")));
        }
        if (result.size() > FakePostmark.MAX_RECIPIENTS_PER_FIELD) {
            throw unprocessable(300, "Too many recipients in '" + field + "': " + result.size() + " given, at most "
                    + FakePostmark.MAX_RECIPIENTS_PER_FIELD + " are allowed.");
        }
        return result;
    }

    private void checkSender(Address sender) {
        Optional<ObjectNode> signature = state.signatures.stream()
                .filter(candidate -> candidate.get("EmailAddress").asText().equalsIgnoreCase(sender.email())).findFirst();
        boolean verifiedDomain = state.domains.stream().anyMatch(domain -> domain.get("Name").asText().equalsIgnoreCase(sender.domain())
                && domain.get("DKIMVerified").asBoolean());
        if (verifiedDomain || signature.map(found -> found.get("Confirmed").asBoolean()).orElse(false)) {
            return;
        }
        if (signature.isPresent()) {
            throw unprocessable(401, "The sender signature for '" + sender.email() + "' has not been confirmed.");
        }
        throw unprocessable(400, "The 'From' address you supplied (" + sender.email() + ") is not a Sender Signature on your "
                + "account. Please add and confirm this address in order to be able to use it in the 'From' field of your messages.");
    }

    private static String render(String text, JsonNode model) {
        String result = text;
        for (Map.Entry<String, JsonNode> entry : iterable(model)) {
            if (entry.getValue().isValueNode()) {
                result = result.replace("{{" + entry.getKey() + "}}", entry.getValue().asText());
            }
        }
        return result;
    }
}
