package org.connectorhub.core.port.in;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** Run one action on one account with a JSON-data input. */
public record RunActionCommand(
        String projectId, String accountId, String action, Map<String, Object> input, Optional<String> idempotencyKey) {
    public RunActionCommand {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(action, "action is null");
        requireNonNull(input, "input is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
    }
}
