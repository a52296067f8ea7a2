package org.connectorhub.core.port.in;

/** Runs a provider action on behalf of a linked account. */
public interface RunActionUseCase {
    /**
     * Checks the scope before any provider call, opens the credentials, runs the action.
     *
     * @return the action's output as JSON data
     * @throws org.connectorhub.core.domain.MissingScopeException the account lacks the scope
     * @throws org.connectorhub.core.domain.UnknownActionException no such action
     */
    Object run(RunActionCommand command);
}
