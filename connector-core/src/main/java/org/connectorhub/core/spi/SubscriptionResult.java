package org.connectorhub.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link ProviderEvents#ensure} left in place: the provider's ids of the hooks, whether it had
 * to create or change anything, and warnings (a per-stream limit reached, an inbound URL of the
 * platform's own left alone).
 */
public record SubscriptionResult(List<String> hookIds, boolean changed, List<String> warnings) {
    public SubscriptionResult {
        hookIds = List.copyOf(requireNonNull(hookIds, "hookIds is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }
}
