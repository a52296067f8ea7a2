package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An expected failure with a stable {@code code} that an API can show as it is. Messages never
 * hold credential values.
 */
public abstract class ConnectorHubException extends RuntimeException {
    private final String code;

    protected ConnectorHubException(String code, String message) {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
    }

    protected ConnectorHubException(String code, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    public String code() {
        return code;
    }

    /** Field-level problems, when the failure is about fields. */
    public List<FieldError> fieldErrors() {
        return List.of();
    }
}
