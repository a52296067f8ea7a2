package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.connectorhub.testkit.fake.FakeRequest;
import org.connectorhub.testkit.fake.FakeResponse;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;
import org.connectorhub.testkit.postmark.PostmarkRoutes.TestToken;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.testkit.postmark.PostmarkRequests.bodyObject;
import static org.connectorhub.testkit.postmark.PostmarkRequests.optionalText;
import static org.connectorhub.testkit.postmark.PostmarkRequests.requiredText;
import static org.connectorhub.testkit.postmark.PostmarkWire.notFound;
import static org.connectorhub.testkit.postmark.PostmarkWire.object;
import static org.connectorhub.testkit.postmark.PostmarkWire.ok;
import static org.connectorhub.testkit.postmark.PostmarkWire.unprocessable;

/** Webhooks of a server: {@code GET}/{@code POST /webhooks}, {@code GET}/{@code DELETE /webhooks/{id}}. */
final class PostmarkWebhooksApi {
    private final PostmarkState state;

    PostmarkWebhooksApi(PostmarkState state) {
        this.state = requireNonNull(state, "state is null");
    }

    void register(PostmarkRoutes routes) {
        routes.server("GET", "/webhooks", TestToken.REJECT, this::listWebhooks);
        routes.server("POST", "/webhooks", TestToken.REJECT, this::createWebhook);
        routes.server("GET", "/webhooks/{id}", TestToken.REJECT,
                (request, server) -> ok(webhook(server, request.pathParams().get("id"))));
        routes.server("DELETE", "/webhooks/{id}", TestToken.REJECT, this::deleteWebhook);
    }

    private FakeResponse listWebhooks(FakeRequest request, ServerState server) {
        Optional<String> stream = request.queryParam("MessageStream");
        ObjectNode json = object();
        ArrayNode items = json.putArray("Webhooks");
        server.webhooks.stream()
                .filter(webhook -> stream.isEmpty() || webhook.get("MessageStream").asText().equalsIgnoreCase(stream.get()))
                .forEach(webhook -> items.add(webhook.deepCopy()));
        return ok(json);
    }

    private FakeResponse createWebhook(FakeRequest request, ServerState server) {
        ObjectNode body = bodyObject(request);
        String url = requiredText(body, "Url");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw unprocessable(300, "Invalid 'Url': use an absolute http or https URL.");
        }
        String stream = Optional.ofNullable(optionalText(body, "MessageStream")).orElse("outbound");
        ObjectNode webhook = object();
        webhook.put("ID", state.webhookIds.incrementAndGet());
        webhook.put("Url", url);
        webhook.put("MessageStream", PostmarkStreamsApi.stream(server, stream).get("ID").asText());
        webhook.set("HttpAuth", body.has("HttpAuth") && body.get("HttpAuth").isObject() ? body.get("HttpAuth") : object());
        webhook.set("HttpHeaders", body.has("HttpHeaders") && body.get("HttpHeaders").isArray()
                ? body.get("HttpHeaders") : PostmarkWire.JSON.createArrayNode());
        ObjectNode triggers = webhook.putObject("Triggers");
        JsonNode given = body.path("Triggers");
        for (String trigger : List.of("Open", "Click", "Delivery", "Bounce", "SpamComplaint", "SubscriptionChange")) {
            ObjectNode item = triggers.putObject(trigger);
            item.put("Enabled", given.path(trigger).path("Enabled").asBoolean(false));
            if (trigger.equals("Open")) {
                item.put("PostFirstOpenOnly", given.path(trigger).path("PostFirstOpenOnly").asBoolean(false));
            }
            if (trigger.equals("Bounce") || trigger.equals("SpamComplaint")) {
                item.put("IncludeContent", given.path(trigger).path("IncludeContent").asBoolean(false));
            }
        }
        server.webhooks.add(webhook);
        return ok(webhook);
    }

    private static ObjectNode webhook(ServerState server, String id) {
        return server.webhooks.stream().filter(webhook -> webhook.get("ID").asText().equals(id)).findFirst()
                .orElseThrow(() -> notFound(1400, "The webhook was not found."));
    }

    private FakeResponse deleteWebhook(FakeRequest request, ServerState server) {
        ObjectNode webhook = webhook(server, request.pathParams().get("id"));
        server.webhooks.remove(webhook);
        ObjectNode json = object();
        json.put("ErrorCode", 0);
        json.put("Message", "Webhook " + webhook.get("ID").asText() + " removed.");
        return ok(json);
    }
}
