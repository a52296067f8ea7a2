package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

/** A permission a connector can be granted, e.g. Postmark's {@code server} or {@code account}. */
public record ScopeDescriptor(String key, String description) {
    public ScopeDescriptor {
        requireNonNull(key, "key is null");
        requireNonNull(description, "description is null");
    }
}
