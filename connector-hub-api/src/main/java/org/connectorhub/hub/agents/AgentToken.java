package org.connectorhub.hub.agents;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agent token as stored, without its secret (only the hash is kept, and not here): what it
 * covers (one account, or every account of one origin owner), which actions, its policy and life.
 */
public record AgentToken(String id, String projectId, Optional<String> accountId, Optional<String> originOwnerId,
        Optional<String> name, Optional<List<String>> allowedActions, AgentPolicy policy, Instant createdAt,
        Instant expiresAt, Optional<Instant> revokedAt) {
    public static final String PREFIX = "agt_";

    public AgentToken {
        requireNonNull(id, "id is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(originOwnerId, "originOwnerId is null");
        requireNonNull(name, "name is null");
        allowedActions = requireNonNull(allowedActions, "allowedActions is null").map(List::copyOf);
        requireNonNull(policy, "policy is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(revokedAt, "revokedAt is null");
        if (accountId.isPresent() == originOwnerId.isPresent()) {
            throw new IllegalArgumentException("an agent token covers one account or one origin owner");
        }
    }

    public boolean usableAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }

    public boolean allows(String action) {
        return allowedActions.map(names -> names.contains(action)).orElse(true);
    }

    /** The wire form: never the token, only its id. */
    public Map<String, Object> toJson(Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("object", "agent_token");
        json.put("name", name.orElse(null));
        json.put("account_id", accountId.orElse(null));
        json.put("origin_owner_id", originOwnerId.orElse(null));
        json.put("allowed_actions", allowedActions.orElse(null));
        json.put("policy", policy.toJson());
        json.put("status", revokedAt.isPresent() ? "revoked" : now.isBefore(expiresAt) ? "active" : "expired");
        json.put("created_at", createdAt.toString());
        json.put("expires_at", expiresAt.toString());
        json.put("revoked_at", revokedAt.map(Instant::toString).orElse(null));
        return json;
    }
}
