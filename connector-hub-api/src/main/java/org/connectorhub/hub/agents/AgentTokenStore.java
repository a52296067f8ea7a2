package org.connectorhub.hub.agents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Agent tokens, kept by the hash of their secret. */
public interface AgentTokenStore {
    void insert(AgentToken token, String tokenHash);

    /** The token with this hash, revoked and expired ones included (the caller decides). */
    Optional<AgentToken> findByHash(String tokenHash);

    /** The project's tokens, newest first, at most {@code limit}. */
    List<AgentToken> list(String projectId, int limit);

    /** Marks it revoked; false when the project has no such token. Revoking twice keeps the first time. */
    boolean revoke(String projectId, String tokenId, Instant at);
}
