package org.connectorhub.hub.agents;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.connectorhub.core.domain.MessageFields;
import org.connectorhub.core.domain.PolicyDeniedException;
import org.connectorhub.core.port.in.CheckedAction;

/**
 * The guardrails of an agent token, enforced by the hub whatever the agent says: call and
 * recipient budgets, the domains a send may go to, the senders it may use, and dry runs.
 *
 * @param allowedRecipientDomains empty: any domain; else every To/Cc/Bcc must be in one (or a subdomain)
 * @param allowedFrom             empty: any sender; else the bare From address must be one of these
 * @param dryRun                  writing actions are checked and answered, never sent
 */
public record AgentPolicy(OptionalInt maxCallsPerHour, OptionalInt maxRecipientsPerDay,
        List<String> allowedRecipientDomains, List<String> allowedFrom, boolean dryRun) {
    public static final AgentPolicy NONE = new AgentPolicy(OptionalInt.empty(), OptionalInt.empty(), List.of(),
            List.of(), false);

    public AgentPolicy {
        requireNonNull(maxCallsPerHour, "maxCallsPerHour is null");
        requireNonNull(maxRecipientsPerDay, "maxRecipientsPerDay is null");
        allowedRecipientDomains = requireNonNull(allowedRecipientDomains, "allowedRecipientDomains is null").stream()
                .map(d -> d.strip().toLowerCase(Locale.ROOT)).toList();
        allowedFrom = requireNonNull(allowedFrom, "allowedFrom is null").stream()
                .map(a -> MessageFields.address(a).orElse("")).toList();
    }

    /** The rules that need no counter: recipient domains and senders. Throws on the first broken one. */
    void checkMessages(CheckedAction checked) {
        for (MessageFields message : checked.messages()) {
            if (!allowedFrom.isEmpty()) {
                String from = message.from().orElse("");
                if (!allowedFrom.contains(from)) {
                    throw new PolicyDeniedException("allowed_from", "policy_denied (allowed_from): this agent may "
                            + "send only from " + String.join(", ", allowedFrom) + "; '" + from
                            + "' is not one of them. Nothing was sent.");
                }
            }
            if (!allowedRecipientDomains.isEmpty()) {
                for (String recipient : message.recipients()) {
                    Optional<String> domain = MessageFields.domain(recipient);
                    if (domain.isEmpty() || !domainAllowed(domain.get())) {
                        throw new PolicyDeniedException("allowed_recipient_domains", "policy_denied "
                                + "(allowed_recipient_domains): this agent may send only to addresses at "
                                + String.join(", ", allowedRecipientDomains) + "; '" + recipient
                                + "' is not. Remove it and try again. Nothing was sent.");
                    }
                }
            }
        }
    }

    private boolean domainAllowed(String domain) {
        return allowedRecipientDomains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }

    /** The wire form (snake_case), as stored and as {@code GET /v1/agent_tokens} shows it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("max_calls_per_hour", maxCallsPerHour.isPresent() ? maxCallsPerHour.getAsInt() : null);
        json.put("max_recipients_per_day", maxRecipientsPerDay.isPresent() ? maxRecipientsPerDay.getAsInt() : null);
        json.put("allowed_recipient_domains", allowedRecipientDomains);
        json.put("allowed_from", allowedFrom);
        json.put("dry_run", dryRun);
        return json;
    }

    @SuppressWarnings("unchecked")
    static AgentPolicy fromJson(Map<String, Object> json) {
        return new AgentPolicy(optionalInt(json.get("max_calls_per_hour")), optionalInt(json.get("max_recipients_per_day")),
                (List<String>) json.getOrDefault("allowed_recipient_domains", List.of()),
                (List<String>) json.getOrDefault("allowed_from", List.of()),
                Boolean.TRUE.equals(json.get("dry_run")));
    }

    private static OptionalInt optionalInt(Object value) {
        return value instanceof Number n ? OptionalInt.of(n.intValue()) : OptionalInt.empty();
    }
}
