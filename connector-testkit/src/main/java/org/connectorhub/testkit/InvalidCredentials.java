package org.connectorhub.testkit;

import static java.util.Objects.requireNonNull;

import org.connectorhub.core.domain.Credentials;

/**
 * Credentials the provider refuses, and the field the refusal must name. They should pass the
 * schema's own checks, so the rejection comes from the provider (through the fake).
 */
public record InvalidCredentials(Credentials credentials, String field) {
    public InvalidCredentials {
        requireNonNull(credentials, "credentials is null");
        requireNonNull(field, "field is null");
    }

    @Override
    public String toString() {
        return "InvalidCredentials{field=" + field + ", credentials=" + credentials + "}";
    }
}
