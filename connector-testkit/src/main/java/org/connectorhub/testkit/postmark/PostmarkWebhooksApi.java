package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.testkit.fake.FakeRequest;
import org.connectorhub.testkit.fake.FakeResponse;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;
import org.connectorhub.testkit.postmark.PostmarkRoutes.TestToken;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.testkit.postmark.PostmarkRequests.bodyObject;
import static org.connectorhub.testkit.postmark.PostmarkRequests.iterable;
import static org.connectorhub.testkit.postmark.PostmarkWire.object;
import static org.connectorhub.testkit.postmark.PostmarkWire.ok;
import static org.connectorhub.testkit.postmark.PostmarkWire.unprocessable;

/**
 * A server's webhooks (team fact sheet on Postmark webhooks, section 1): {@code GET /webhooks}
 * (all, or {@code ?MessageStream=}), {@code POST /webhooks}, {@code GET}/{@code PUT}/{@code DELETE
 * /webhooks/{id}}. A webhook belongs to one transactional or broadcast stream; Bounce and
 * SpamComplaint only on transactional; none on inbound (that is the server's InboundHookUrl).
 * Creating fills omitted triggers with {@code Enabled:false} (unconfirmed); editing is partial (an
 * absent or null field is kept), and {@code HttpHeaders: []} clears the headers.
 *
 * <p>Rejections are 422 with the ErrorCodes of a third-party copy of Postmark's API overview
 * (unconfirmed): 1235 unknown stream, 1350 archived stream, 1351 inbound stream, 1352 webhook not
 * found, 1353 trigger not allowed on the stream, 1354 bad or missing Url, 1355 empty body, 1356 ID
 * on create, 1357 ID or MessageStream changed on edit, 1358 bad header Name, 1359 too many webhooks
 * for the stream, 1361 invalid field value. Not implemented: the newer, unconfirmed {@code Verify}
 * test POSTs, {@code Status}, {@code /verify} and {@code /statistics}.
 */
final class PostmarkWebhooksApi {
    static final List<String> TRIGGERS = List.of("Open", "Click", "Delivery", "Bounce", "SpamComplaint", "SubscriptionChange");

    private final PostmarkState state;

    PostmarkWebhooksApi(PostmarkState state) {
        this.state = requireNonNull(state, "state is null");
    }

    void register(PostmarkRoutes routes) {
        routes.server("GET", "/webhooks", TestToken.REJECT, this::list);
        routes.server("POST", "/webhooks", TestToken.REJECT, this::create);
        routes.server("GET", "/webhooks/{id}", TestToken.REJECT,
                (request, server) -> ok(webhook(server, request.pathParams().get("id"))));
        routes.server("PUT", "/webhooks/{id}", TestToken.REJECT, this::edit);
        routes.server("DELETE", "/webhooks/{id}", TestToken.REJECT, this::delete);
    }

    private FakeResponse list(FakeRequest request, ServerState server) {
        Optional<String> stream = request.queryParam("MessageStream").filter(value -> !value.isBlank());
        stream.ifPresent(id -> stream(server, id));
        ObjectNode json = object();
        ArrayNode items = json.putArray("Webhooks");
        server.webhooks.stream()
                .filter(webhook -> stream.isEmpty() || webhook.get("MessageStream").asText().equalsIgnoreCase(stream.get()))
                .forEach(webhook -> items.add(webhook.deepCopy()));
        return ok(json);
    }

    private FakeResponse create(FakeRequest request, ServerState server) {
        ObjectNode body = nonEmptyBody(request);
        if (body.hasNonNull("ID")) {
            throw unprocessable(1356, "The 'ID' field must not be given when creating a webhook.");
        }
        JsonNode streamField = body.path("MessageStream");
        String streamId = streamField.isMissingNode() || streamField.isNull() ? "outbound" : text(body, "MessageStream");
        ObjectNode stream = stream(server, streamId);
        ObjectNode webhook = object();
        webhook.put("ID", 0);
        webhook.put("Url", url(body));
        webhook.put("MessageStream", stream.get("ID").asText());
        webhook.set("HttpAuth", httpAuth(body.get("HttpAuth")));
        webhook.set("HttpHeaders", httpHeaders(body.get("HttpHeaders")));
        ObjectNode triggers = webhook.putObject("Triggers");
        for (String trigger : TRIGGERS) {
            ObjectNode item = triggers.putObject(trigger);
            item.put("Enabled", false);
            if (trigger.equals("Open")) {
                item.put("PostFirstOpenOnly", false);
            }
            if (trigger.equals("Bounce") || trigger.equals("SpamComplaint")) {
                item.put("IncludeContent", false);
            }
        }
        mergeTriggers(triggers, body.get("Triggers"), stream);
        long onStream = server.webhooks.stream()
                .filter(existing -> existing.get("MessageStream").asText().equalsIgnoreCase(stream.get("ID").asText())).count();
        int limit = state.webhookSettings.limitPerStream();
        if (onStream >= limit) {
            throw unprocessable(1359, "This message stream already has the maximum of " + limit + " webhooks.");
        }
        webhook.put("ID", state.webhookIds.incrementAndGet());
        server.webhooks.add(webhook);
        return ok(webhook);
    }

    private FakeResponse edit(FakeRequest request, ServerState server) {
        ObjectNode webhook = webhook(server, request.pathParams().get("id"));
        ObjectNode body = nonEmptyBody(request);
        if (body.hasNonNull("ID") && !body.get("ID").asText().equals(webhook.get("ID").asText())) {
            throw unprocessable(1357, "The 'ID' of a webhook cannot be changed.");
        }
        if (body.hasNonNull("MessageStream") && !body.get("MessageStream").asText().equalsIgnoreCase(webhook.get("MessageStream").asText())) {
            throw unprocessable(1357, "The 'MessageStream' of a webhook cannot be changed.");
        }
        ObjectNode edited = webhook.deepCopy();
        if (body.hasNonNull("Url")) {
            edited.put("Url", url(body));
        }
        if (body.hasNonNull("HttpAuth")) {
            edited.set("HttpAuth", httpAuth(body.get("HttpAuth")));
        }
        if (body.hasNonNull("HttpHeaders")) {
            edited.set("HttpHeaders", httpHeaders(body.get("HttpHeaders")));
        }
        mergeTriggers((ObjectNode) edited.get("Triggers"), body.get("Triggers"), stream(server, webhook.get("MessageStream").asText()));
        webhook.setAll(edited);
        return ok(webhook);
    }

    private FakeResponse delete(FakeRequest request, ServerState server) {
        ObjectNode webhook = webhook(server, request.pathParams().get("id"));
        server.webhooks.remove(webhook);
        ObjectNode json = object();
        json.put("ErrorCode", 0);
        json.put("Message", "Webhook " + webhook.get("ID").asText() + " removed.");
        return ok(json);
    }

    private static ObjectNode webhook(ServerState server, String id) {
        return server.webhooks.stream().filter(webhook -> webhook.get("ID").asText().equals(id)).findFirst()
                .orElseThrow(() -> unprocessable(1352, "The webhook with ID '" + id + "' was not found."));
    }

    /** A stream that can have webhooks: known, not archived, not inbound. */
    private static ObjectNode stream(ServerState server, String id) {
        ObjectNode stream = server.streams.stream().filter(candidate -> candidate.get("ID").asText().equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> unprocessable(1235, "The message stream for the provided 'ID' was not found."));
        if (!stream.path("ArchivedAt").isNull()) {
            throw unprocessable(1350, "The message stream '" + id + "' is archived.");
        }
        if (stream.get("MessageStreamType").asText().equals("Inbound")) {
            throw unprocessable(1351, "Webhooks cannot be set on an inbound stream: set the server's InboundHookUrl.");
        }
        return stream;
    }

    private static ObjectNode nonEmptyBody(FakeRequest request) {
        if (request.body().isBlank()) {
            throw unprocessable(1355, "The request body is empty.");
        }
        ObjectNode body = bodyObject(request);
        if (body.isEmpty()) {
            throw unprocessable(1355, "The request body is empty.");
        }
        return body;
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw unprocessable(1361, "Invalid value for '" + field + "': a string is required.");
        }
        return value.asText();
    }

    private static String url(ObjectNode body) {
        JsonNode value = body.get("Url");
        String url = value == null || !value.isTextual() ? "" : value.asText().trim();
        try {
            URI uri = URI.create(url);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw unprocessable(1354, "The 'Url' field is missing or is not an absolute http or https URL.");
    }

    private ObjectNode httpAuth(JsonNode given) {
        ObjectNode auth = object();
        if (given != null && !given.isNull() && !given.isObject()) {
            throw unprocessable(1361, "Invalid value for 'HttpAuth': an object with Username and Password is required.");
        }
        for (String field : List.of("Username", "Password")) {
            JsonNode value = given == null ? null : given.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw unprocessable(1361, "Invalid value for 'HttpAuth." + field + "': a string is required.");
            }
            if (value != null && value.isTextual()) {
                auth.put(field, value.asText());
            } else if (state.webhookSettings.unsetHttpAuthAsNulls()) {
                auth.putNull(field);
            } else {
                auth.put(field, "");
            }
        }
        return auth;
    }

    private static ArrayNode httpHeaders(JsonNode given) {
        ArrayNode headers = PostmarkWire.JSON.createArrayNode();
        if (given == null || given.isNull()) {
            return headers;
        }
        if (!given.isArray()) {
            throw unprocessable(1361, "Invalid value for 'HttpHeaders': an array of {Name, Value} is required.");
        }
        for (JsonNode header : given) {
            String name = header.path("Name").asText("");
            if (!header.path("Name").isTextual() || name.isBlank() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw unprocessable(1358, "Invalid header 'Name' in 'HttpHeaders'.");
            }
            ObjectNode item = headers.addObject();
            item.put("Name", name);
            item.put("Value", header.path("Value").asText(""));
        }
        return headers;
    }

    /** Applies the given triggers over the current ones, field by field; checks what the stream allows. */
    private static void mergeTriggers(ObjectNode triggers, JsonNode given, ObjectNode stream) {
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw unprocessable(1361, "Invalid value for 'Triggers': an object is required.");
            }
            for (Map.Entry<String, JsonNode> trigger : iterable(given)) {
                ObjectNode current = (ObjectNode) triggers.get(trigger.getKey());
                if (current == null) {
                    continue;
                }
                if (!trigger.getValue().isObject()) {
                    throw unprocessable(1361, "Invalid value for trigger '" + trigger.getKey() + "': an object is required.");
                }
                for (Map.Entry<String, JsonNode> field : iterable(trigger.getValue())) {
                    if (current.has(field.getKey())) {
                        if (!field.getValue().isBoolean()) {
                            throw unprocessable(1361, "Invalid value for '" + trigger.getKey() + "." + field.getKey()
                                    + "': true or false is required.");
                        }
                        current.put(field.getKey(), field.getValue().asBoolean());
                    }
                }
            }
        }
        if (stream.get("MessageStreamType").asText().equals("Broadcasts")) {
            for (String transactionalOnly : List.of("Bounce", "SpamComplaint")) {
                if (triggers.path(transactionalOnly).path("Enabled").asBoolean(false)) {
                    throw unprocessable(1353, "The '" + transactionalOnly + "' trigger is not allowed on a broadcast stream.");
                }
            }
        }
    }
}
