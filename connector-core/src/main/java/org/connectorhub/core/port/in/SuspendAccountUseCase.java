package org.connectorhub.core.port.in;

import java.util.Optional;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.core.domain.LinkedAccount;

/**
 * Stops an account without unlinking it, and lets it run again. A suspended account runs no
 * action, is skipped by health re-checks, and stays suspended through re-links and updates.
 */
public interface SuspendAccountUseCase {
    /** The longest reason kept, in characters. */
    int MAX_REASON_LENGTH = 500;

    /**
     * Suspends the account; suspending a suspended account keeps the first suspension.
     *
     * @throws org.connectorhub.core.domain.AccountNotFoundException also for other projects' accounts
     * @throws org.connectorhub.core.domain.InvalidInputException when the reason is too long
     */
    LinkedAccount suspend(String projectId, String accountId, Caller by, Optional<String> reason);

    /**
     * Re-verifies the credentials, then makes the account {@code active}, or {@code invalid} when the
     * provider rejects them now. Resuming an account that is not suspended changes nothing.
     *
     * @throws org.connectorhub.core.domain.ProviderUnavailableException the provider could not be
     *     asked; the account stays suspended
     */
    LinkedAccount resume(String projectId, String accountId, Caller by);
}
