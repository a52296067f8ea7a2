package org.connectorhub.hub.sessions;

import static java.util.Objects.requireNonNull;

import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.Problem;

/**
 * The connect session cannot be used: {@code session_invalid} (unknown or missing token),
 * {@code session_expired} or {@code session_used}. Shown as 401.
 */
public final class SessionException extends ApiException {
    public static final String INVALID = "session_invalid";
    public static final String EXPIRED = "session_expired";
    public static final String USED = "session_used";

    private final String code;

    public SessionException(String code, String message) {
        super(Problem.of(401, requireNonNull(code, "code is null"), "Unauthorized",
                requireNonNull(message, "message is null")).withHeader("WWW-Authenticate", "Bearer"));
        this.code = code;
    }

    public String code() {
        return code;
    }
}
