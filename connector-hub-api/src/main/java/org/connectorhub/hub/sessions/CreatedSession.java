package org.connectorhub.hub.sessions;

import static java.util.Objects.requireNonNull;

/** A new session and its token; the token exists only here and in the response to the platform. */
public record CreatedSession(ConnectSession session, String token) {
    public CreatedSession {
        requireNonNull(session, "session is null");
        requireNonNull(token, "token is null");
    }

    @Override
    public String toString() {
        return "CreatedSession[session=" + session.id() + ", token=****]";
    }
}
