package org.connectorhub.core.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.DuplicateAccountException;
import org.connectorhub.core.domain.ImmutableLinkedAccount;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Page;
import org.connectorhub.core.domain.VersionConflictException;
import org.connectorhub.core.port.out.AccountStore;

/** Test double of the store port: the same rules as the JDBC store, in a map. */
final class InMemoryAccountStore implements AccountStore {
    private final Map<String, LinkedAccount> rows = new ConcurrentHashMap<>();
    int inserts;
    int updates;

    @Override
    public synchronized LinkedAccount insert(LinkedAccount account) {
        if (findByProviderAccount(account.projectId(), account.originOwnerId(), account.provider(),
                account.providerAccount().id()).isPresent()) {
            throw new DuplicateAccountException("duplicate");
        }
        rows.put(account.id(), account);
        inserts++;
        return account;
    }

    @Override
    public synchronized LinkedAccount update(LinkedAccount account, long expectedVersion) {
        LinkedAccount stored = rows.get(account.id());
        if (stored == null || !stored.projectId().equals(account.projectId())) {
            throw new AccountNotFoundException("gone");
        }
        if (stored.version() != expectedVersion) {
            throw new VersionConflictException("conflict");
        }
        LinkedAccount next = ImmutableLinkedAccount.copyOf(account).withVersion(expectedVersion + 1);
        rows.put(account.id(), next);
        updates++;
        return next;
    }

    @Override
    public Optional<LinkedAccount> find(String projectId, String accountId) {
        return Optional.ofNullable(rows.get(accountId)).filter(a -> a.projectId().equals(projectId));
    }

    @Override
    public Optional<LinkedAccount> findByProviderAccount(String projectId, String ownerId, String provider, String providerAccountId) {
        return rows.values().stream()
                .filter(a -> a.projectId().equals(projectId) && a.originOwnerId().equals(ownerId)
                        && a.provider().equals(provider) && a.providerAccount().id().equals(providerAccountId))
                .findFirst();
    }

    @Override
    public Page<LinkedAccount> list(AccountQuery query) {
        List<LinkedAccount> matching = new ArrayList<>(rows.values().stream()
                .filter(a -> a.projectId().equals(query.projectId()))
                .filter(a -> query.originOwnerId().map(a.originOwnerId()::equals).orElse(true))
                .filter(a -> query.provider().map(a.provider()::equals).orElse(true))
                .filter(a -> query.status().map(s -> a.status() == s).orElse(true))
                .filter(a -> query.cursor().map(c -> a.id().compareTo(c) > 0).orElse(true))
                .sorted(Comparator.comparing(LinkedAccount::id))
                .toList());
        boolean more = matching.size() > query.pageSize();
        List<LinkedAccount> page = matching.subList(0, Math.min(query.pageSize(), matching.size()));
        return new Page<>(page, more ? Optional.of(page.get(page.size() - 1).id()) : Optional.empty());
    }

    @Override
    public boolean delete(String projectId, String accountId) {
        return find(projectId, accountId).map(a -> rows.remove(accountId) != null).orElse(false);
    }

    int size() {
        return rows.size();
    }
}
