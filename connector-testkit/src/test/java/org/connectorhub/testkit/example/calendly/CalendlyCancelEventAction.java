package org.connectorhub.testkit.example.calendly;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.ConnectorAction;

/** {@code cancel_event}: cancels a scheduled event ({@code POST /scheduled_events/{uuid}/cancellation}). */
final class CalendlyCancelEventAction implements ConnectorAction {
    static final Pattern EVENT_UUID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int MAX_REASON = 10_000;
    private static final ActionDescriptor DESCRIPTOR = ActionDescriptor.builder()
            .name("cancel_event")
            .description("Cancels a scheduled event of the linked user, telling invitees the reason.")
            .scope(CalendlyCredentialSchema.SCOPE)
            .inputSchema(Map.of(
                    "type", "object",
                    "properties", Map.of(
                            "event_uuid", Map.of("type", "string", "pattern", "^" + EVENT_UUID.pattern() + "$"),
                            "reason", Map.of("type", "string", "maxLength", MAX_REASON)),
                    "required", List.of("event_uuid"),
                    "additionalProperties", false))
            .build();

    private final CalendlyApi api;

    CalendlyCancelEventAction(CalendlyApi api) {
        this.api = requireNonNull(api, "api is null");
    }

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Object execute(ActionRequest request) {
        CalendlyInput input = new CalendlyInput(request.input(), Set.of("event_uuid", "reason"));
        String uuid = input.requiredString("event_uuid", EVENT_UUID, "the event's UUID (letters, digits, dashes)");
        Map<String, Object> body = new LinkedHashMap<>();
        input.optionalString("reason", MAX_REASON).ifPresent(reason -> body.put("reason", reason));
        JsonNode answer;
        try {
            answer = api.post(request.credentials().require(CalendlyCredentialSchema.TOKEN),
                    "/scheduled_events/" + uuid + "/cancellation", body);
        } catch (CalendlyHttpException e) {
            throw CalendlyErrors.translate(e);
        }
        JsonNode cancellation = answer.path("resource");
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("event_uuid", uuid);
        output.put("canceled_by", cancellation.path("canceled_by").asText());
        output.put("reason", cancellation.path("reason").asText(""));
        output.put("canceler_type", cancellation.path("canceler_type").asText());
        return output;
    }

    @Override
    public String toString() {
        return "CalendlyAction{" + DESCRIPTOR.name() + "}";
    }
}
