package org.connectorhub.core.spi;

import java.util.List;
import java.util.Map;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.MessageFields;

/**
 * One thing a connector can do at the provider. The core checks the input against the
 * descriptor's JSON Schema before it calls {@link #execute}, so a handler checks only what a
 * schema cannot say; it still refuses an empty input or a value of the wrong type with
 * {@link org.connectorhub.core.domain.InvalidInputException} before any provider call, since it
 * may be called without the core (the connector contract does). Provider failures come as the
 * core's exceptions (unavailable, rejected, not found).
 */
public interface ConnectorAction {
    ActionDescriptor descriptor();

    /**
     * For an action whose descriptor {@link ActionDescriptor#sends() sends}: the messages this
     * (schema-valid) input would send, so the hub can limit senders and recipients without
     * knowing the provider. Actions that send nothing keep the default.
     */
    default List<MessageFields> messages(Map<String, Object> input) {
        return List.of();
    }

    /** Returns JSON data (maps, lists, strings, numbers, booleans) in snake_case. */
    Object execute(ActionRequest request);
}
