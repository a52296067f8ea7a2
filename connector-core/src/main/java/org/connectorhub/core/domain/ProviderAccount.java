package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

/** The account at the provider that a credential belongs to (for Postmark: the server). */
public record ProviderAccount(String id, String name) {
    public ProviderAccount {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("provider account id is blank");
        }
    }
}
