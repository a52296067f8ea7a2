package org.connectorhub.hub.webhooks;

import org.connectorhub.hub.config.WebhookSettings;
import org.connectorhub.hub.config.HttpConfig;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.projects.Authentication;
import org.connectorhub.hub.http.JsonBody;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.projects.Project;

/**
 * {@code /v1/webhooks}: a project's endpoints and their delivery logs (project API key). The
 * signing secret is in the answer to the creation only; it is stored sealed.
 */
public final class WebhookRoutes implements RouteContributor {
    static final int MAX_ENDPOINTS_PER_PROJECT = 20;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_VALUE = 1000;
    static final int DEFAULT_LOG_SIZE = 50;
    static final int MAX_LOG_SIZE = 200;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    /** Ours, or ones the HTTP client sets itself. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host", "connection",
            "user-agent", "expect", "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");

    private final Authentication auth;
    private final ObjectMapper mapper;
    private final HttpConfig config;
    private final WebhookStore store;
    private final SecretCipher cipher;
    private final Clock clock;
    private final WebhookUrlValidator urls;

    @Inject
    public WebhookRoutes(Authentication auth, ObjectMapper mapper, HttpConfig config, WebhookSettings settings, WebhookStore store,
            SecretCipher cipher, Clock clock) {
        this.auth = requireNonNull(auth, "auth is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.config = requireNonNull(config, "config is null");
        this.store = requireNonNull(store, "store is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.urls = new WebhookUrlValidator(requireNonNull(settings, "settings is null").allowPrivateAddresses());
    }

    @Override
    public void register(RouteTable routes) {
        routes.post("/v1/webhooks", auth.platform(this::create));
        routes.get("/v1/webhooks", auth.platform(this::list));
        routes.delete("/v1/webhooks/{id}", auth.platform(this::delete));
        routes.get("/v1/webhooks/{id}/deliveries", auth.platform(this::deliveries));
    }

    private void create(Context ctx, Project project) {
        JsonBody body = JsonBody.read(ctx, mapper, config.maxBodyBytes())
                .allowOnly("url", "description", "events", "headers");
        String url = body.requiredString("url", WebhookUrlValidator.MAX_URL_LENGTH);
        try {
            urls.check(url);
        } catch (WebhookUrlValidator.InvalidUrlException e) {
            throw new ApiException(Problem.of(422, "invalid_url", "Invalid URL", e.getMessage())
                    .withErrors(List.of(FieldError.of("url", "invalid_url", e.getMessage()))));
        }
        Optional<String> description = body.optionalString("description", MAX_DESCRIPTION);
        List<String> events = events(body.node().get("events"));
        Map<String, String> headers = headers(body.optionalStringMap("headers").orElse(Map.of()));
        if (store.listEndpoints(project.id()).size() >= MAX_ENDPOINTS_PER_PROJECT) {
            throw new ApiException(Problem.of(422, "too_many_endpoints", "Too many endpoints",
                    "A project has at most " + MAX_ENDPOINTS_PER_PROJECT + " webhook endpoints."));
        }
        String id = OutboxWriter.newId("whe_");
        String secret = newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(id, project.id(), url, description, events, headers,
                cipher.seal(secret.getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8)),
                clock.instant());
        store.insertEndpoint(endpoint);
        Map<String, Object> json = endpoint(endpoint);
        json.put("secret", secret);
        Responses.json(ctx, mapper, 201, json);
    }

    private void list(Context ctx, Project project) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (WebhookEndpoint endpoint : store.listEndpoints(project.id())) {
            data.add(endpoint(endpoint));
        }
        Responses.json(ctx, mapper, 200, Map.of("data", data));
    }

    private void delete(Context ctx, Project project) {
        if (!store.deleteEndpoint(project.id(), ctx.pathParam("id"))) {
            throw notFound(ctx.pathParam("id"));
        }
        ctx.status(204);
    }

    private void deliveries(Context ctx, Project project) {
        WebhookEndpoint endpoint = store.findEndpoint(project.id(), ctx.pathParam("id"))
                .orElseThrow(() -> notFound(ctx.pathParam("id")));
        int limit = limit(ctx.queryParam("limit"));
        List<Map<String, Object>> data = new ArrayList<>();
        for (DeliveryAttempt attempt : store.attempts(endpoint.id(), limit)) {
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
            if (!WebhookEvents.ALL.contains(item.asText())) {
                throw ApiException.invalidInput("events", "Unknown event type; the types are " + WebhookEvents.ALL + ".");
            }
            if (!events.contains(item.asText())) {
                events.add(item.asText());
            }
        }
        return events;
    }

    private static Map<String, String> headers(Map<String, String> headers) {
        if (headers.size() > MAX_HEADERS) {
            throw ApiException.invalidInput("headers", "At most " + MAX_HEADERS + " custom headers.");
        }
        Map<String, String> checked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                throw ApiException.invalidInput("headers", "A header name is not a valid HTTP token.");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("connectorhub-") || RESERVED_HEADERS.contains(lower)) {
                throw ApiException.invalidInput("headers." + name, "The header '" + name
                        + "' is set by the hub and cannot be overridden.");
            }
            if (value.length() > MAX_HEADER_VALUE || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c < 0x20 && c != '\t')) {
                throw ApiException.invalidInput("headers." + name, "A header value has at most " + MAX_HEADER_VALUE
                        + " characters and no control characters.");
            }
            if (checked.put(name, value) != null) {
                throw ApiException.invalidInput("headers." + name, "The header '" + name + "' is given twice.");
            }
        });
        return new LinkedHashMap<>(checked);
    }

    private static ApiException notFound(String id) {
        return new ApiException(Problem.of(404, "webhook_not_found", "Not found", "No webhook endpoint "
                + (id.length() > 64 ? id.substring(0, 64) + "..." : id) + " in this project."));
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

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
