package org.connectorhub.hub.sessions;

import static java.util.Objects.requireNonNull;

/**
 * The connect session cannot be used: {@code session_invalid} (unknown or missing token),
 * {@code session_expired} or {@code session_used}. Shown as 401.
 */
public final class SessionException extends RuntimeException {
    public static final String INVALID = "session_invalid";
    public static final String EXPIRED = "session_expired";
    public static final String USED = "session_used";

    private final String code;

    public SessionException(String code, String message) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.code = requireNonNull(code, "code is null");
    }

    public String code() {
        return code;
    }
}
