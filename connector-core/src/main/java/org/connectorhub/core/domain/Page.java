package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** One page of results and the cursor of the next page, if there is one. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(requireNonNull(items, "items is null"));
        requireNonNull(nextCursor, "nextCursor is null");
    }
}
