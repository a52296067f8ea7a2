package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One thing an account did: an action run, a proxied call, an agent's tool call, a provider event
 * received. Holds ids and outcomes only: never a token, and no request or response body unless
 * the operator turned bodies on (then redacted and cut by whoever records it).
 *
 * @param kind        {@code action}, {@code proxy}, {@code agent_tool} or {@code provider_event}
 * @param what        the action's name, or {@code "GET /server"} for a proxied call
 * @param status      the HTTP status the caller got (200, 4xx, 5xx)
 * @param code        the problem code when it failed ({@code invalid_input}, ...)
 * @param providerIds the provider's own ids from the answer (Postmark {@code MessageID}, {@code ErrorCode})
 */
public record ActivityEntry(
        String id,
        Instant at,
        String projectId,
        String accountId,
        String provider,
        String kind,
        String what,
        Caller caller,
        int status,
        Optional<String> code,
        long durationMicros,
        Map<String, String> providerIds,
        Optional<String> idempotencyKey,
        boolean replay,
        Optional<String> requestBody,
        Optional<String> responseBody) {
    public ActivityEntry {
        requireNonNull(id, "id is null");
        requireNonNull(at, "at is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(what, "what is null");
        requireNonNull(caller, "caller is null");
        requireNonNull(code, "code is null");
        providerIds = Map.copyOf(requireNonNull(providerIds, "providerIds is null"));
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        requireNonNull(requestBody, "requestBody is null");
        requireNonNull(responseBody, "responseBody is null");
    }

    /** Ids and outcome only; bodies are left out so a log line of this can never carry one. */
    @Override
    public String toString() {
        return "ActivityEntry[" + id + " " + at + " " + accountId + " " + kind + " " + what + " by " + caller
                + " -> " + status + code.map(c -> " " + c).orElse("") + "]";
    }
}
