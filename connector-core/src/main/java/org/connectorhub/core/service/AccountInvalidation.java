package org.connectorhub.core.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.ImmutableLinkedAccount;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.StatusReason;
import org.connectorhub.core.domain.VersionConflictException;
import org.connectorhub.core.port.out.AccountStore;

/** Marks an account invalid when the provider rejected its credentials mid-call (actions and proxied calls alike). */
final class AccountInvalidation {
    private final AccountStore store;
    private final Clock clock;

    AccountInvalidation(AccountStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    void markInvalid(LinkedAccount account, CredentialsRevokedException revoked) {
        List<StatusReason> reasons = List.of(new StatusReason(revoked.code(), revoked.getMessage(), clock.instant()));
        try {
            store.update(ImmutableLinkedAccount.builder().from(account).status(AccountStatus.INVALID)
                    .statusReasons(reasons).updatedAt(clock.instant()).build(), account.version());
        } catch (VersionConflictException | AccountNotFoundException changedMeanwhile) {
            // Someone re-linked or deleted it meanwhile; their state is newer than what we saw.
        }
    }
}
