package org.connectorhub.hub.webhooks;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.hub.config.HttpConfig;
import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.JsonBody;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.projects.Authentication;
import org.connectorhub.hub.projects.Project;

/**
 * {@code /v1/webhooks}: a project's endpoints, their delivery logs and redelivery (project API
 * key). The signing secret is in the answer to the creation only; it is stored sealed. The rules
 * are {@link WebhookEndpoints}'; this reads the request and writes the answer.
 */
public final class WebhookRoutes implements RouteContributor {
    static final int DEFAULT_LOG_SIZE = 50;
    static final int MAX_LOG_SIZE = 200;

    private final Authentication auth;
    private final ObjectMapper mapper;
    private final HttpConfig config;
    private final WebhookEndpoints endpoints;

    @Inject
    public WebhookRoutes(Authentication auth, ObjectMapper mapper, HttpConfig config, WebhookEndpoints endpoints) {
        this.auth = requireNonNull(auth, "auth is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.config = requireNonNull(config, "config is null");
        this.endpoints = requireNonNull(endpoints, "endpoints is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.post("/v1/webhooks", auth.platform(this::create));
        routes.get("/v1/webhooks", auth.platform(this::list));
        routes.delete("/v1/webhooks/{id}", auth.platform(this::delete));
        routes.get("/v1/webhooks/{id}/deliveries", auth.platform(this::deliveries));
        routes.post("/v1/webhooks/{id}/deliveries/{event_id}/redeliver", auth.platform(this::redeliver));
    }

    private void create(Context ctx, Project project) {
        JsonBody body = JsonBody.read(ctx, mapper, config.maxBodyBytes())
                .allowOnly("url", "description", "events", "headers");
        String url = body.requiredString("url", WebhookUrlValidator.MAX_URL_LENGTH);
        Optional<String> description = body.optionalString("description", WebhookEndpoints.MAX_DESCRIPTION);
        List<String> events = events(body.node().get("events"));
        Map<String, String> headers = body.optionalStringMap("headers").orElse(Map.of());
        WebhookEndpoints.Created created = endpoints.create(project.id(), url, description, events, headers);
        Map<String, Object> json = endpoint(created.endpoint());
        json.put("secret", created.secret());
        Responses.json(ctx, mapper, 201, json);
    }

    private void list(Context ctx, Project project) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (WebhookEndpoint endpoint : endpoints.list(project.id())) {
            data.add(endpoint(endpoint));
        }
        Responses.json(ctx, mapper, 200, Map.of("data", data));
    }

    private void delete(Context ctx, Project project) {
        endpoints.delete(project.id(), ctx.pathParam("id"));
        ctx.status(204);
    }

    private void deliveries(Context ctx, Project project) {
        WebhookEndpoint endpoint = endpoints.get(project.id(), ctx.pathParam("id"));
        int limit = limit(ctx.queryParam("limit"));
        List<Map<String, Object>> data = new ArrayList<>();
        for (DeliveryAttempt attempt : endpoints.attempts(project.id(), endpoint.id(), limit)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("event_id", attempt.eventId());
            json.put("type", attempt.eventType());
            json.put("attempt", attempt.attempt());
            json.put("status_code", attempt.statusCode().isPresent() ? attempt.statusCode().getAsInt() : null);
            json.put("error", attempt.error().orElse(null));
            json.put("outcome", attempt.outcome());
            json.put("at", attempt.at().toString());
            data.add(json);
        }
        Responses.json(ctx, mapper, 200, Map.of("data", data));
    }

    private void redeliver(Context ctx, Project project) {
        String endpointId = ctx.pathParam("id");
        String eventId = ctx.pathParam("event_id");
        endpoints.redeliver(project.id(), endpointId, eventId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("endpoint_id", endpointId);
        json.put("event_id", eventId);
        json.put("state", "pending");
        Responses.json(ctx, mapper, 202, json);
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LOG_SIZE;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LOG_SIZE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw ApiException.invalidInput("limit", "'limit' must be a number from 1 to " + MAX_LOG_SIZE + ".");
    }

    /** The JSON's shape; which types exist is {@link WebhookEndpoints}' check. */
    private static List<String> events(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.wrongType("events", "an array of event types");
        }
        List<String> events = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.wrongType("events", "an array of event types");
            }
            events.add(item.asText());
        }
        return events;
    }

    /** The endpoint as the API shows it: header names only (values may be credentials), never the secret. */
    private static Map<String, Object> endpoint(WebhookEndpoint endpoint) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", endpoint.id());
        json.put("url", endpoint.url());
        json.put("description", endpoint.description().orElse(null));
        json.put("events", endpoint.events().isEmpty() ? WebhookEvents.ALL : endpoint.events());
        json.put("header_names", List.copyOf(new java.util.TreeSet<>(endpoint.headers().keySet())));
        json.put("created_at", endpoint.createdAt().toString());
        return json;
    }
}
