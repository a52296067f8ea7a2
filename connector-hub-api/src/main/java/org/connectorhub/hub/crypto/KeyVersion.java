package org.connectorhub.hub.crypto;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One key of the data keyset: its version (1, 2, ... in order of addition), whether new seals use it. */
public record KeyVersion(int version, boolean primary, Instant createdAt) {
    public KeyVersion {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        requireNonNull(createdAt, "createdAt is null");
    }
}
