package org.connectorhub.hub.sessions;

import java.time.Instant;
import java.util.Optional;

/** Where connect sessions live, found only by the hash of their token. */
public interface SessionStore {
    void insert(ConnectSession session, String tokenHash);

    Optional<ConnectSession> findByTokenHash(String tokenHash);

    /**
     * Marks the session used if nobody did before; at most one caller wins, so one session
     * links at most one account even when two requests race.
     */
    boolean claim(String sessionId, Instant at);

    /** Gives a claimed session back after its link failed, so the user can try again. */
    void release(String sessionId);

    /** Records which account the session linked. */
    void linked(String sessionId, String accountId);
}
