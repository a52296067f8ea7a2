package org.connectorhub.core.port.out;

import org.connectorhub.core.domain.ActionRun;

/**
 * Told of every action run once its action is known (success or failure), e.g. to time the
 * provider by outcome. Must not throw or block: it runs on the caller's thread.
 */
@FunctionalInterface
public interface ActionObserver {
    ActionObserver NONE = run -> { };

    void ran(ActionRun run);
}
