package org.connectorhub.core.service;

import org.connectorhub.core.domain.AccountSuspendedException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.StatusReason;

/** One rule for actions and proxied calls alike: which account statuses may reach the provider. */
final class RunnableStatus {
    private RunnableStatus() {
    }

    /**
     * The statuses an action or a proxied call may run in. An invalid or errored account still runs: the provider is
     * the judge of its credentials (a fixed token, a provider that recovered), and a revoked one
     * answers {@code credentials_revoked} without side effects. A new status must say here whether it runs.
     */
    static void refuseUnlessRunnable(LinkedAccount account) {
        switch (account.status()) {
            case ACTIVE, INVALID, ERROR -> {
                // runs
            }
            // before the credentials are opened: a suspended account's token is not even decrypted
            case SUSPENDED -> throw new AccountSuspendedException(account.id(), account.statusReasons().stream()
                    .filter(r -> r.code().equals(AccountService.SUSPENDED_REASON)).findFirst()
                    .map(StatusReason::description));
        }
    }
}
