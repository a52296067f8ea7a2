package org.connectorhub.hub.webhooks;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
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
import org.connectorhub.hub.config.WebhookSettings;
import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.Problem;

/**
 * A project's webhook endpoints and their deliveries, for {@code /v1/webhooks} and the console
 * alike: create (checked; the signing secret returned once, stored sealed), list, delete, the
 * delivery log, and sending a given-up delivery again. Bad input is an {@link ApiException}.
 */
public final class WebhookEndpoints {
    static final int MAX_ENDPOINTS_PER_PROJECT = 20;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_VALUE = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    /** Ours, or ones the HTTP client sets itself. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host", "connection",
            "user-agent", "expect", "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");

    private final WebhookStore store;
    private final SecretCipher cipher;
    private final Clock clock;
    private final WebhookUrlValidator urls;

    @Inject
    public WebhookEndpoints(WebhookSettings settings, WebhookStore store, SecretCipher cipher, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.urls = new WebhookUrlValidator(requireNonNull(settings, "settings is null").allowPrivateAddresses());
    }

    /** An endpoint just made: {@code secret} signs its deliveries, shown once and kept only sealed. */
    public record Created(WebhookEndpoint endpoint, String secret) {
        public Created {
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(secret, "secret is null");
        }

        @Override
        public String toString() {
            return "Created[" + endpoint + "]";
        }
    }

    /** Checks and adds an endpoint; {@code events} empty means every type. */
    public Created create(String projectId, String url, Optional<String> description, List<String> events,
            Map<String, String> headers) {
        try {
            urls.check(url);
        } catch (WebhookUrlValidator.InvalidUrlException e) {
            throw new ApiException(Problem.of(422, "invalid_url", "Invalid URL", e.getMessage())
                    .withErrors(List.of(FieldError.of("url", "invalid_url", e.getMessage()))));
        }
        if (description.filter(d -> d.length() > MAX_DESCRIPTION).isPresent()) {
            throw ApiException.invalidInput("description", "A description has at most " + MAX_DESCRIPTION + " characters.");
        }
        List<String> checkedEvents = events(events);
        Map<String, String> checkedHeaders = headers(headers);
        if (store.listEndpoints(projectId).size() >= MAX_ENDPOINTS_PER_PROJECT) {
            throw new ApiException(Problem.of(422, "too_many_endpoints", "Too many endpoints",
                    "A project has at most " + MAX_ENDPOINTS_PER_PROJECT + " webhook endpoints."));
        }
        String id = OutboxWriter.newId("whe_");
        String secret = newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(id, projectId, url, description, checkedEvents, checkedHeaders,
                cipher.seal(secret.getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8)),
                clock.instant());
        store.insertEndpoint(endpoint);
        return new Created(endpoint, secret);
    }

    public List<WebhookEndpoint> list(String projectId) {
        return store.listEndpoints(projectId);
    }

    /** The endpoint, or {@code 404 webhook_not_found}. */
    public WebhookEndpoint get(String projectId, String endpointId) {
        return store.findEndpoint(projectId, endpointId).orElseThrow(() -> notFound(endpointId));
    }

    /** Deletes the endpoint with its pending deliveries and its log, or {@code 404 webhook_not_found}. */
    public void delete(String projectId, String endpointId) {
        if (!store.deleteEndpoint(projectId, endpointId)) {
            throw notFound(endpointId);
        }
    }

    /** The newest {@code limit} attempts to the project's endpoint, newest first. */
    public List<DeliveryAttempt> attempts(String projectId, String endpointId, int limit) {
        return store.attempts(get(projectId, endpointId).id(), limit);
    }

    /** The events whose delivery to the project's endpoint was given up (those {@link #redeliver} takes). */
    public List<String> failed(String projectId, String endpointId, int limit) {
        return store.failedEventIds(get(projectId, endpointId).id(), limit);
    }

    /**
     * Queues a given-up delivery again, due at once (one more attempt; given up again if it fails):
     * {@code 404 webhook_not_found}, {@code 404 delivery_not_found}, or {@code 409 delivery_not_failed}
     * for a delivery still pending or delivered.
     */
    public void redeliver(String projectId, String endpointId, String eventId) {
        get(projectId, endpointId);
        switch (store.redeliver(projectId, endpointId, eventId, clock.instant())) {
            case QUEUED -> { }
            case NOT_FOUND -> throw new ApiException(Problem.of(404, "delivery_not_found", "Delivery not found",
                    "This endpoint has no delivery of event " + shortened(eventId) + "; it may have been purged."));
            case NOT_FAILED -> throw new ApiException(Problem.of(409, "delivery_not_failed", "Delivery not failed",
                    "The delivery of event " + shortened(eventId) + " is pending or delivered; only a failed one is sent again."));
        }
    }

    private static List<String> events(List<String> events) {
        List<String> checked = new ArrayList<>();
        for (String event : events) {
            if (!WebhookEvents.ALL.contains(event)) {
                throw ApiException.invalidInput("events", "Unknown event type; the types are " + WebhookEvents.ALL + ".");
            }
            if (!checked.contains(event)) {
                checked.add(event);
            }
        }
        return checked;
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
                + shortened(id) + " in this project."));
    }

    private static String shortened(String id) {
        return id.length() > 64 ? id.substring(0, 64) + "..." : id;
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
