package org.connectorhub.core.spi;

import org.connectorhub.core.domain.ActionDescriptor;

/**
 * One thing a connector can do at the provider. The handler refuses an empty or malformed
 * input with {@link org.connectorhub.core.domain.InvalidInputException} before any provider
 * call; provider failures come as the core's exceptions (unavailable, rejected, not found).
 */
public interface ConnectorAction {
    ActionDescriptor descriptor();

    /** Returns JSON data (maps, lists, strings, numbers, booleans) in snake_case. */
    Object execute(ActionRequest request);
}
