package org.connectorhub.hub.providerevents;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's choice of one provider's events: which triggers, inbound email or not, on which
 * message streams, and whether inbound attachments keep their content.
 */
public record EventSettings(List<String> triggers, boolean inbound, List<String> messageStreams,
        boolean includeAttachments) {
    public static final List<String> DEFAULT_STREAMS = List.of("outbound");

    public EventSettings {
        triggers = List.copyOf(requireNonNull(triggers, "triggers is null"));
        messageStreams = List.copyOf(requireNonNull(messageStreams, "messageStreams is null"));
    }

    /** Whether anything is to be set up at the provider. */
    public boolean enabled() {
        return !triggers.isEmpty() || inbound;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("triggers", triggers);
        json.put("inbound", inbound);
        json.put("message_streams", messageStreams);
        json.put("include_attachments", includeAttachments);
        return json;
    }

    @SuppressWarnings("unchecked")
    static EventSettings fromJson(Map<String, Object> json) {
        return new EventSettings((List<String>) json.getOrDefault("triggers", List.of()),
                Boolean.TRUE.equals(json.get("inbound")),
                (List<String>) json.getOrDefault("message_streams", DEFAULT_STREAMS),
                Boolean.TRUE.equals(json.get("include_attachments")));
    }
}
