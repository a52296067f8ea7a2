package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Why an account has its status, or what the last check ran into; {@code by} names who caused it
 * when a person or key did (a suspension), as a {@link Caller} string, never a secret.
 */
public record StatusReason(String code, String description, Instant at, Optional<String> by) {
    public StatusReason {
        requireNonNull(code, "code is null");
        requireNonNull(description, "description is null");
        requireNonNull(at, "at is null");
        requireNonNull(by, "by is null");
    }

    public StatusReason(String code, String description, Instant at) {
        this(code, description, at, Optional.empty());
    }
}
