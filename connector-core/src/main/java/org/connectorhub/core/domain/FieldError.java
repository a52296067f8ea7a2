package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

/**
 * One problem with one credential or input field: which field, a stable code, a message for
 * people and an optional hint on how to fix it (empty string when there is none).
 */
public record FieldError(String field, String code, String message, String hint) {
    public FieldError {
        requireNonNull(field, "field is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        hint = hint == null ? "" : hint;
    }

    public static FieldError of(String field, String code, String message) {
        return new FieldError(field, code, message, "");
    }
}
