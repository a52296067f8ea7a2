package org.connectorhub.core.port.in;

import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Page;

/** Read, change and delete linked accounts of a project. */
public interface ManageAccountsUseCase {
    /** @throws org.connectorhub.core.domain.AccountNotFoundException also for other projects' accounts */
    LinkedAccount get(String projectId, String accountId);

    Page<LinkedAccount> list(AccountQuery query);

    /**
     * New credentials are verified first; a rejected or unverifiable update changes nothing.
     *
     * @throws org.connectorhub.core.domain.VersionConflictException another writer came first
     */
    LinkedAccount update(UpdateCommand command);

    /** @throws org.connectorhub.core.domain.AccountNotFoundException when there is none */
    void delete(String projectId, String accountId);
}
