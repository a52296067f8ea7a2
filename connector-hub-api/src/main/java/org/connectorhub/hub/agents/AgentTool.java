package org.connectorhub.hub.agents;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.connectorhub.core.domain.ActionDescriptor;

/**
 * One action of one account as a tool an AI agent can call.
 *
 * @param name        the action's name, or {@code <handle>__<action>} when a token covers several accounts
 * @param inputSchema the action's JSON Schema, plus {@code idempotency_key} for writing actions
 */
public record AgentTool(String name, String title, String description, Map<String, Object> inputSchema,
        String accountId, String provider, ActionDescriptor action) {
    public static final String IDEMPOTENCY_KEY = "idempotency_key";

    public AgentTool {
        requireNonNull(name, "name is null");
        requireNonNull(title, "title is null");
        requireNonNull(description, "description is null");
        inputSchema = Map.copyOf(requireNonNull(inputSchema, "inputSchema is null"));
        requireNonNull(accountId, "accountId is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(action, "action is null");
    }
}
