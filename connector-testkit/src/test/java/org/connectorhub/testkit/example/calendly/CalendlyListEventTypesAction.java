package org.connectorhub.testkit.example.calendly;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.ConnectorAction;

/** {@code list_event_types}: the account user's event types ({@code GET /event_types?user=...}). */
final class CalendlyListEventTypesAction implements ConnectorAction {
    private static final ActionDescriptor DESCRIPTOR = ActionDescriptor.builder()
            .name("list_event_types")
            .description("Lists the event types of the linked Calendly user.")
            .scope(CalendlyCredentialSchema.SCOPE)
            .inputSchema(Map.of(
                    "type", "object",
                    "properties", Map.of(
                            "count", Map.of("type", "integer", "minimum", 1, "maximum", 100),
                            "active", Map.of("type", "boolean")),
                    "additionalProperties", false))
            .idempotent(true)
            .build();

    private final CalendlyApi api;

    CalendlyListEventTypesAction(CalendlyApi api) {
        this.api = requireNonNull(api, "api is null");
    }

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Object execute(ActionRequest request) {
        CalendlyInput input = new CalendlyInput(request.input(), Set.of("count", "active"));
        int count = input.optionalInteger("count", 1, 100).orElse(20);
        StringBuilder query = new StringBuilder("/event_types?user=")
                .append(URLEncoder.encode(request.providerAccount().id(), StandardCharsets.UTF_8))
                .append("&count=").append(count);
        input.optionalBoolean("active").ifPresent(active -> query.append("&active=").append(active));
        JsonNode page;
        try {
            page = api.get(request.credentials().require(CalendlyCredentialSchema.TOKEN), query.toString());
        } catch (CalendlyHttpException e) {
            throw CalendlyErrors.translate(e);
        }
        List<Map<String, Object>> eventTypes = new ArrayList<>();
        JsonNode collection = page.path("collection");
        if (!collection.isArray()) {
            throw new ProviderUnavailableException("Calendly answered without a list of event types.", java.util.Optional.empty());
        }
        for (JsonNode eventType : collection) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("uri", eventType.path("uri").asText());
            item.put("name", eventType.path("name").asText());
            item.put("slug", eventType.path("slug").asText());
            item.put("duration_minutes", eventType.path("duration").asInt());
            item.put("active", eventType.path("active").asBoolean());
            item.put("scheduling_url", eventType.path("scheduling_url").asText());
            eventTypes.add(item);
        }
        return Map.of("event_types", eventTypes);
    }

    @Override
    public String toString() {
        return "CalendlyAction{" + DESCRIPTOR.name() + "}";
    }
}
