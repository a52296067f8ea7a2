package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The credentials are wrong, field by field: by their shape, or because the provider said no. */
public final class InvalidCredentialsException extends ConnectorHubException {
    private final List<FieldError> errors;

    public InvalidCredentialsException(List<FieldError> errors) {
        super("invalid_credentials", summary(errors));
        this.errors = List.copyOf(errors);
    }

    private static String summary(List<FieldError> errors) {
        requireNonNull(errors, "errors is null");
        return errors.isEmpty() ? "The credentials are not valid."
                : errors.get(0).message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }

    @Override
    public List<FieldError> fieldErrors() {
        return errors;
    }
}
