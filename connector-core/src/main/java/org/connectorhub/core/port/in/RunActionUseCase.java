package org.connectorhub.core.port.in;

/** Runs a provider action on behalf of a linked account. */
public interface RunActionUseCase {
    /**
     * Decides, after every check and before the provider is called, whether the call may go on;
     * refuses by throwing (e.g. {@link org.connectorhub.core.domain.PolicyDeniedException}).
     */
    @FunctionalInterface
    interface ActionGate {
        ActionGate OPEN = checked -> { };

        void admit(CheckedAction checked);
    }

    /**
     * Checks the scope before any provider call, opens the credentials, runs the action.
     *
     * @return the action's output as JSON data
     * @throws org.connectorhub.core.domain.MissingScopeException the account lacks the scope
     * @throws org.connectorhub.core.domain.UnknownActionException no such action
     */
    default Object run(RunActionCommand command) {
        return run(command, ActionGate.OPEN);
    }

    /** As {@link #run(RunActionCommand)}, asking the gate after the checks and before the provider call. */
    Object run(RunActionCommand command, ActionGate gate);

    /**
     * Everything {@link #run} does but opening the credentials and calling the provider (a dry
     * run): the same refusals, as the same exceptions, and what would run.
     */
    CheckedAction check(RunActionCommand command);
}
