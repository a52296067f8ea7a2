package org.connectorhub.hub.console;

import java.time.Instant;
import java.util.Optional;

/** One-time sign-in links and console sessions, found only by the hash of their token. */
public interface ConsoleSessionStore {
    /** What became of a sign-in link presented to the hub. */
    enum LinkState { SIGNED_IN, USED, EXPIRED, UNKNOWN }

    record Redemption(LinkState state, Optional<String> projectId) {
    }

    void insertLink(String id, String tokenHash, String projectId, Instant createdAt, Instant expiresAt);

    /** Uses the link up if it is unused and unexpired; at most one caller wins. */
    Redemption redeem(String tokenHash, Instant now);

    /** Whether any sign-in link was ever issued for the project (the first start prints one). */
    boolean hasAnyLink(String projectId);

    void insertSession(ConsoleSession session, String tokenHash);

    Optional<ConsoleSession> findSession(String tokenHash);

    void touch(String sessionId, Instant at);

    void deleteSession(String sessionId);

    /** Deletes at most {@code limit} sessions last seen before {@code before}; returns how many. */
    int deleteIdleSessions(Instant before, int limit);

    /**
     * Deletes at most {@code limit} links that expired unused before {@code before}; used links stay
     * (they are few, and they tell a restart that the first-start link was already printed).
     */
    int deleteExpiredLinks(Instant before, int limit);
}
