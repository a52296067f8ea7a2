package org.connectorhub.core.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.MissingScopeException;
import org.connectorhub.core.domain.UnknownActionException;
import org.connectorhub.core.domain.UnknownProviderException;
import org.connectorhub.core.port.in.RunActionCommand;
import org.connectorhub.core.port.in.RunActionUseCase;
import org.connectorhub.core.port.out.AccountStore;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;

/** Runs actions: scope first, then credentials, then the provider. */
public final class ActionService implements RunActionUseCase {
    private final ConnectorRegistry connectors;
    private final AccountStore store;
    private final CredentialVault vault;
    private final AccountInvalidation invalidation;

    public ActionService(ConnectorRegistry connectors, AccountStore store, SecretCipher cipher, Clock clock) {
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.store = requireNonNull(store, "store is null");
        this.vault = new CredentialVault(requireNonNull(cipher, "cipher is null"));
        this.invalidation = new AccountInvalidation(this.store, requireNonNull(clock, "clock is null"));
    }

    @Override
    public Object run(RunActionCommand command) {
        LinkedAccount account = store.find(command.projectId(), command.accountId())
                .orElseThrow(() -> new AccountNotFoundException("No account " + command.accountId() + " in this project."));
        Connector connector = connectors.find(account.provider())
                .orElseThrow(() -> new UnknownProviderException("No connector for provider '" + account.provider() + "'."));
        ConnectorAction action = connector.action(command.action())
                .orElseThrow(() -> new UnknownActionException(connector.descriptor().displayName()
                        + " has no action '" + command.action() + "'."));
        ActionDescriptor descriptor = action.descriptor();
        if (!account.scopes().contains(descriptor.scope())) {
            throw new MissingScopeException(descriptor.scope(), missingScopeMessage(connector, descriptor));
        }
        ActionRequest request = new ActionRequest(vault.open(account), account.mode(), account.providerAccount(),
                command.input(), command.idempotencyKey());
        try {
            return action.execute(request);
        } catch (CredentialsRevokedException revoked) {
            invalidation.markInvalid(account, revoked);
            throw revoked;
        }
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
