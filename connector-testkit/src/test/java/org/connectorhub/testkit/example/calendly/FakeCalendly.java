package org.connectorhub.testkit.example.calendly;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.connectorhub.testkit.fake.FakeProviderServer;
import org.connectorhub.testkit.fake.FakeRequest;
import org.connectorhub.testkit.fake.FakeResponse;

/**
 * A fake Calendly on loopback, built on {@link FakeProviderServer}: it speaks Calendly's wire
 * format (bearer tokens, {@code {"resource": ...}} and {@code {"collection": ...}} bodies,
 * {@code {"title", "message"}} errors) without using the connector's classes, so a mapping
 * mistake in one cannot hide in the other. Faults come from {@link #http()}.
 */
public final class FakeCalendly implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FakeProviderServer http;
    private final Map<String, User> usersByToken = new ConcurrentHashMap<>();
    private final Map<String, List<EventType>> eventTypesByUser = new ConcurrentHashMap<>();
    private final Map<String, ScheduledEvent> eventsByUuid = new ConcurrentHashMap<>();

    private FakeCalendly(FakeProviderServer http) {
        this.http = requireNonNull(http, "http is null");
        http.route("GET", "/users/me", this::me);
        http.route("GET", "/event_types", this::eventTypes);
        http.route("POST", "/scheduled_events/{uuid}/cancellation", this::cancel);
    }

    public static FakeCalendly start() {
        return new FakeCalendly(FakeProviderServer.start());
    }

    public FakeProviderServer http() {
        return http;
    }

    public URI baseUri() {
        return http.baseUri();
    }

    /** A user with a fresh personal access token. */
    public User addUser(String name, String email) {
        String id = randomId(16);
        User user = new User(http.baseUri() + "/users/" + id, name, email, newToken());
        usersByToken.put(user.token(), user);
        eventTypesByUser.put(user.uri(), new ArrayList<>());
        return user;
    }

    /** A token of the right shape that no user has. */
    public String unknownToken() {
        return newToken();
    }

    public void revoke(String token) {
        usersByToken.remove(token);
    }

    public EventType addEventType(User user, String name, int durationMinutes, boolean active) {
        EventType eventType = new EventType(http.baseUri() + "/event_types/" + randomId(16), name,
                name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), durationMinutes, active);
        eventTypesByUser.get(user.uri()).add(eventType);
        return eventType;
    }

    public ScheduledEvent addScheduledEvent(User user, String name) {
        ScheduledEvent event = new ScheduledEvent(UUID.randomUUID().toString(), user.uri(), name);
        eventsByUuid.put(event.uuid(), event);
        return event;
    }

    public Optional<ScheduledEvent> event(String uuid) {
        return Optional.ofNullable(eventsByUuid.get(uuid));
    }

    @Override
    public void close() {
        http.close();
    }

    private FakeResponse me(FakeRequest request) {
        Optional<User> user = authenticate(request);
        if (user.isEmpty()) {
            return unauthenticated();
        }
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("uri", user.get().uri());
        resource.put("name", user.get().name());
        resource.put("slug", user.get().name().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        resource.put("email", user.get().email());
        resource.put("scheduling_url", "https://calendly.com/" + resource.get("slug"));
        resource.put("timezone", "Europe/Berlin");
        resource.put("created_at", "2024-01-02T03:04:05.000000Z");
        return json(200, Map.of("resource", resource));
    }

    private FakeResponse eventTypes(FakeRequest request) {
        Optional<User> user = authenticate(request);
        if (user.isEmpty()) {
            return unauthenticated();
        }
        Optional<String> owner = request.queryParam("user");
        if (owner.isEmpty()) {
            return invalidArgument("user", "Please provide either a user or an organization.");
        }
        if (!owner.get().equals(user.get().uri())) {
            return json(403, Map.of("title", "Permission Denied",
                    "message", "You do not have permission to access this resource."));
        }
        int count;
        try {
            count = Integer.parseInt(request.queryParam("count").orElse("20"));
        } catch (NumberFormatException e) {
            return invalidArgument("count", "must be an integer");
        }
        if (count < 1 || count > 100) {
            return invalidArgument("count", "must be between 1 and 100");
        }
        Optional<Boolean> active = request.queryParam("active").map(Boolean::parseBoolean);
        List<Map<String, Object>> collection = eventTypesByUser.getOrDefault(user.get().uri(), List.of()).stream()
                .filter(e -> active.map(a -> e.active() == a).orElse(true))
                .limit(count)
                .map(e -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("uri", e.uri());
                    item.put("name", e.name());
                    item.put("slug", e.slug());
                    item.put("duration", e.durationMinutes());
                    item.put("active", e.active());
                    item.put("kind", "solo");
                    item.put("scheduling_url", "https://calendly.com/" + e.slug());
                    item.put("profile", Map.of("type", "User", "name", user.get().name(), "owner", user.get().uri()));
                    return item;
                })
                .toList();
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("count", collection.size());
        pagination.put("next_page", null);
        pagination.put("previous_page", null);
        return json(200, Map.of("collection", collection, "pagination", pagination));
    }

    private FakeResponse cancel(FakeRequest request) {
        Optional<User> user = authenticate(request);
        if (user.isEmpty()) {
            return unauthenticated();
        }
        if (!request.header("Content-Type").map(t -> t.startsWith("application/json")).orElse(false)) {
            return json(415, Map.of("title", "Unsupported Media Type", "message", "Use application/json."));
        }
        JsonNode body;
        try {
            body = request.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            return invalidArgument("body", "is not valid JSON");
        }
        ScheduledEvent event = eventsByUuid.get(request.pathParams().get("uuid"));
        if (event == null || !event.ownerUri().equals(user.get().uri())) {
            return json(404, Map.of("title", "Resource Not Found", "message", "The server could not find the requested resource."));
        }
        if (event.canceled()) {
            return json(403, Map.of("title", "Permission Denied", "message", "Event in the past or already canceled"));
        }
        String reason = body.path("reason").asText("");
        eventsByUuid.put(event.uuid(), event.cancel());
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("canceled_by", user.get().name());
        resource.put("reason", reason);
        resource.put("canceler_type", "host");
        resource.put("created_at", Instant.now().toString());
        return json(201, Map.of("resource", resource));
    }

    private Optional<User> authenticate(FakeRequest request) {
        return request.header("Authorization")
                .filter(value -> value.startsWith("Bearer "))
                .map(value -> usersByToken.get(value.substring("Bearer ".length()).strip()));
    }

    private static FakeResponse unauthenticated() {
        return json(401, Map.of("title", "Unauthenticated", "message", "The access token is invalid"));
    }

    private static FakeResponse invalidArgument(String parameter, String message) {
        return json(400, Map.of("title", "Invalid Argument", "message", "The supplied parameters are invalid.",
                "details", List.of(Map.of("parameter", parameter, "message", message))));
    }

    private static FakeResponse json(int status, Object body) {
        try {
            return FakeResponse.json(status, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the fake's answer", e);
        }
    }

    private static String newToken() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        byte[] payload = new byte[48];
        byte[] signature = new byte[32];
        RANDOM.nextBytes(payload);
        RANDOM.nextBytes(signature);
        return "eyJraWQiOiIxY2UxZTEzNjE3ZGNmNzY2YjNjZWJjY2Y4ZGM1YmFmYThhNjVlNjg0MDIzZjdjMzJiZTgzNDliMjM4MDEzNWI0IiwiYWxnIjoiRVMyNTYifQ."
                + base64.encodeToString(payload) + "." + base64.encodeToString(signature);
    }

    private static String randomId(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    public record User(String uri, String name, String email, String token) {
        @Override
        public String toString() {
            return "User{uri=" + uri + ", name=" + name + "}";
        }
    }

    public record EventType(String uri, String name, String slug, int durationMinutes, boolean active) {
    }

    public record ScheduledEvent(String uuid, String ownerUri, String name, boolean canceled) {
        ScheduledEvent(String uuid, String ownerUri, String name) {
            this(uuid, ownerUri, name, false);
        }

        ScheduledEvent cancel() {
            return new ScheduledEvent(uuid, ownerUri, name, true);
        }
    }
}
