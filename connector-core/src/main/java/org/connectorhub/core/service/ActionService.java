package org.connectorhub.core.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.AccountSuspendedException;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.ImmutableLinkedAccount;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.MissingScopeException;
import org.connectorhub.core.domain.StatusReason;
import org.connectorhub.core.domain.UnknownActionException;
import org.connectorhub.core.domain.UnknownProviderException;
import org.connectorhub.core.domain.VersionConflictException;
import org.connectorhub.core.port.in.RunActionCommand;
import org.connectorhub.core.port.in.RunActionUseCase;
import org.connectorhub.core.port.out.AccountStore;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;

/** Runs actions: suspension and scope first, then credentials, then the provider. */
public final class ActionService implements RunActionUseCase {
    private final ConnectorRegistry connectors;
    private final AccountStore store;
    private final CredentialVault vault;
    private final Clock clock;

    public ActionService(ConnectorRegistry connectors, AccountStore store, SecretCipher cipher, Clock clock) {
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.store = requireNonNull(store, "store is null");
        this.vault = new CredentialVault(requireNonNull(cipher, "cipher is null"));
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Object run(RunActionCommand command) {
        LinkedAccount account = store.find(command.projectId(), command.accountId())
                .orElseThrow(() -> new AccountNotFoundException("No account " + command.accountId() + " in this project."));
        if (account.status() == AccountStatus.SUSPENDED) {
            // before the credentials are opened: a suspended account's token is not even decrypted
            throw new AccountSuspendedException(account.id(), account.statusReasons().stream()
                    .filter(r -> r.code().equals(AccountService.SUSPENDED_REASON)).findFirst()
                    .map(StatusReason::description));
        }
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
            markInvalid(account, revoked);
            throw revoked;
        }
    }

    private void markInvalid(LinkedAccount account, CredentialsRevokedException revoked) {
        List<StatusReason> reasons = new ArrayList<>();
        reasons.add(new StatusReason(revoked.code(), revoked.getMessage(), clock.instant()));
        try {
            store.update(ImmutableLinkedAccount.builder().from(account).status(AccountStatus.INVALID)
                    .statusReasons(reasons).updatedAt(clock.instant()).build(), account.version());
        } catch (VersionConflictException | AccountNotFoundException changedMeanwhile) {
            // Someone re-linked or deleted it meanwhile; their state is newer than what we saw.
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
