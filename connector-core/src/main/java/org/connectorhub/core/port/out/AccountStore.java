package org.connectorhub.core.port.out;

import java.util.Optional;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Page;

/** Where linked accounts live. Every lookup is scoped to a project. */
public interface AccountStore {
    /**
     * Stores a new account.
     *
     * @throws org.connectorhub.core.domain.DuplicateAccountException when the project already has
     *     an account for the same owner, provider and provider account
     */
    LinkedAccount insert(LinkedAccount account);

    /**
     * Replaces the account if its stored version is still {@code expectedVersion}; the stored
     * copy gets {@code expectedVersion + 1}.
     *
     * @throws org.connectorhub.core.domain.VersionConflictException when another writer came first
     * @throws org.connectorhub.core.domain.AccountNotFoundException when it is gone
     */
    LinkedAccount update(LinkedAccount account, long expectedVersion);

    Optional<LinkedAccount> find(String projectId, String accountId);

    Optional<LinkedAccount> findByProviderAccount(
            String projectId, String originOwnerId, String provider, String providerAccountId);

    Page<LinkedAccount> list(AccountQuery query);

    /** Deletes the account and its sealed credentials; false when there was none. */
    boolean delete(String projectId, String accountId);
}
