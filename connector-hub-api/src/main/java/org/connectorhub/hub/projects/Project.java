package org.connectorhub.hub.projects;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** A host platform (tenant) of the hub: its accounts and API keys belong to it. */
public record Project(String id, String name, List<String> allowedOrigins, Instant createdAt) {
    public Project {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        allowedOrigins = List.copyOf(requireNonNull(allowedOrigins, "allowedOrigins is null"));
        requireNonNull(createdAt, "createdAt is null");
    }
}
