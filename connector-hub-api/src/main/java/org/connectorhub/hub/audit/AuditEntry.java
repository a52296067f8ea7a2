package org.connectorhub.hub.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.Caller;

/** One control-plane change: when, what, to which target, by whom (an id, never a secret), from where. */
public record AuditEntry(
        String id,
        Instant at,
        String projectId,
        String type,
        String targetId,
        Caller actor,
        Optional<String> actorOwnerId,
        Optional<String> sourceIp,
        Map<String, Object> changes) {
    public AuditEntry {
        requireNonNull(id, "id is null");
        requireNonNull(at, "at is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(type, "type is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(actorOwnerId, "actorOwnerId is null");
        requireNonNull(sourceIp, "sourceIp is null");
        requireNonNull(changes, "changes is null");
    }
}
