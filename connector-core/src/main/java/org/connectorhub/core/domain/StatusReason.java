package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Why an account has its status, or what the last check ran into. */
public record StatusReason(String code, String description, Instant at) {
    public StatusReason {
        requireNonNull(code, "code is null");
        requireNonNull(description, "description is null");
        requireNonNull(at, "at is null");
    }
}
