package org.connectorhub.hub.webhooks;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An endpoint of a project. {@code events} empty means every type. The secret is only ever here
 * sealed; {@link #toString()} leaves it out, and the header values too (they may hold credentials).
 */
public record WebhookEndpoint(
        String id,
        String projectId,
        String url,
        Optional<String> description,
        List<String> events,
        Map<String, String> headers,
        byte[] sealedSecret,
        Instant createdAt) {

    public WebhookEndpoint {
        requireNonNull(id, "id is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(url, "url is null");
        requireNonNull(description, "description is null");
        events = List.copyOf(requireNonNull(events, "events is null"));
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(sealedSecret, "sealedSecret is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public boolean wants(String eventType) {
        return events.isEmpty() || events.contains(eventType);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[id=" + id + ", projectId=" + projectId + ", events=" + events
                + ", headers=" + headers.keySet() + "]";
    }
}
