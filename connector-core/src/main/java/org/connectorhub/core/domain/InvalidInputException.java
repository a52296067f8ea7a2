package org.connectorhub.core.domain;

import java.util.List;

/** An action's input is empty or malformed; refused before any provider call. */
public final class InvalidInputException extends ConnectorHubException {
    private final List<FieldError> errors;

    public InvalidInputException(String message, List<FieldError> errors) {
        super("invalid_input", message);
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException onField(String field, String message) {
        return new InvalidInputException(message, List.of(FieldError.of(field, "invalid", message)));
    }

    @Override
    public List<FieldError> fieldErrors() {
        return errors;
    }
}
