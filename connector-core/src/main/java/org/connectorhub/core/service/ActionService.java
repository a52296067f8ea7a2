package org.connectorhub.core.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.ActionRun;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.MessageFields;
import org.connectorhub.core.domain.MissingScopeException;
import org.connectorhub.core.domain.UnknownActionException;
import org.connectorhub.core.domain.UnknownProviderException;
import org.connectorhub.core.port.in.CheckedAction;
import org.connectorhub.core.port.in.RunActionCommand;
import org.connectorhub.core.port.in.RunActionUseCase;
import org.connectorhub.core.port.out.AccountStore;
import org.connectorhub.core.port.out.ActionObserver;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.InputSchemaValidator;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;

/**
 * Runs actions, the whole path for HTTP and embedded callers alike: find the account, refuse a
 * status that cannot run, find the action, refuse a scope not granted, check the input against
 * the action's schema, open the credentials, run it at the provider, and tell the observer how
 * it went. Every refusal comes before the credentials are opened and before any provider call.
 */
public final class ActionService implements RunActionUseCase {
    private final ConnectorRegistry connectors;
    private final AccountStore store;
    private final CredentialVault vault;
    private final InputSchemaValidator inputValidator;
    private final ActionObserver observer;
    private final AccountInvalidation invalidation;

    public ActionService(ConnectorRegistry connectors, AccountStore store, SecretCipher cipher,
            InputSchemaValidator inputValidator, ActionObserver observer, Clock clock) {
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.store = requireNonNull(store, "store is null");
        this.vault = new CredentialVault(requireNonNull(cipher, "cipher is null"));
        this.inputValidator = requireNonNull(inputValidator, "inputValidator is null");
        this.observer = requireNonNull(observer, "observer is null");
        this.invalidation = new AccountInvalidation(this.store, requireNonNull(clock, "clock is null"));
    }

    @Override
    public CheckedAction check(RunActionCommand command) {
        LinkedAccount account = store.find(command.projectId(), command.accountId())
                .orElseThrow(() -> new AccountNotFoundException("No account " + command.accountId() + " in this project."));
        RunnableStatus.refuseUnlessRunnable(account);
        Connector connector = connectors.find(account.provider())
                .orElseThrow(() -> new UnknownProviderException("No connector for provider '" + account.provider() + "'."));
        ConnectorAction action = connector.action(command.action())
                .orElseThrow(() -> new UnknownActionException(connector.descriptor().displayName()
                        + " has no action '" + command.action() + "'."));
        return checked(command, account, connector, action);
    }

    @Override
    public Object run(RunActionCommand command, ActionGate gate) {
        requireNonNull(gate, "gate is null");
        LinkedAccount account = store.find(command.projectId(), command.accountId())
                .orElseThrow(() -> new AccountNotFoundException("No account " + command.accountId() + " in this project."));
        RunnableStatus.refuseUnlessRunnable(account);
        Connector connector = connectors.find(account.provider())
                .orElseThrow(() -> new UnknownProviderException("No connector for provider '" + account.provider() + "'."));
        ConnectorAction action = connector.action(command.action())
                .orElseThrow(() -> new UnknownActionException(connector.descriptor().displayName()
                        + " has no action '" + command.action() + "'."));
        // observed from here on: provider and action name are a bounded set now that the action exists
        long start = System.nanoTime();
        String outcome = ActionRun.INTERNAL_ERROR;
        try {
            Object output = run(command, account, connector, action, gate);
            outcome = ActionRun.OK;
            return output;
        } catch (ConnectorHubException e) {
            outcome = e.code();
            throw e;
        } finally {
            observer.ran(new ActionRun(command.projectId(), account.id(), connector.descriptor().provider(),
                    action.descriptor().name(), outcome, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private Object run(RunActionCommand command, LinkedAccount account, Connector connector, ConnectorAction action,
            ActionGate gate) {
        gate.admit(checked(command, account, connector, action));
        ActionRequest request = new ActionRequest(vault.open(account), account.mode(), account.providerAccount(),
                command.input(), command.idempotencyKey());
        try {
            return action.execute(request);
        } catch (CredentialsRevokedException revoked) {
            invalidation.markInvalid(account, revoked);
            throw revoked;
        }
    }

    /** The refusals that come before any provider call: scope, then input. */
    private CheckedAction checked(RunActionCommand command, LinkedAccount account, Connector connector,
            ConnectorAction action) {
        ActionDescriptor descriptor = action.descriptor();
        if (!account.scopes().contains(descriptor.scope())) {
            throw new MissingScopeException(descriptor.scope(), missingScopeMessage(connector, descriptor));
        }
        List<FieldError> errors = inputValidator.validate(connector.descriptor().provider(), descriptor, command.input());
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The input of '" + descriptor.name() + "' does not match its schema: "
                    + errors.get(0).message(), errors);
        }
        List<MessageFields> messages = descriptor.sends() ? action.messages(command.input()) : List.of();
        return new CheckedAction(command.projectId(), account.id(), connector.descriptor().provider(), descriptor,
                messages);
    }

    private static String missingScopeMessage(Connector connector, ActionDescriptor descriptor) {
        String base = "The action '" + descriptor.name() + "' needs the '" + descriptor.scope()
                + "' scope, which this account was not granted.";
        return connector.descriptor().credentialSchema().fieldUnlocking(descriptor.scope())
                .map(CredentialField::label)
                .map(label -> base + " Add the " + label + " to this account to grant it.")
                .orElse(base);
    }
}
