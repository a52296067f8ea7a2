package org.connectorhub.core.port.out;

import org.connectorhub.core.domain.ActivityEntry;

/**
 * Takes one entry of an account's activity log. Implementations must not block the caller or
 * fail its call: the hub's writes entries off the request path in batches, and drops the oldest
 * when it falls behind.
 */
@FunctionalInterface
public interface ActivityRecorder {
    ActivityRecorder NONE = entry -> { };

    void record(ActivityEntry entry);

    /**
     * Whether entries should carry request and response bodies (the operator turned them on);
     * callers skip building them otherwise. The recorder redacts and cuts what it keeps.
     */
    default boolean keepsBodies() {
        return false;
    }
}
