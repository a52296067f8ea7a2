package org.connectorhub.testkit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.DuplicateAccountException;
import org.connectorhub.core.domain.ImmutableLinkedAccount;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Page;
import org.connectorhub.core.domain.VersionConflictException;
import org.connectorhub.core.port.out.AccountStore;

/**
 * An {@link AccountStore} in memory, for tests that drive the core's services around a
 * connector. Keeps the port's rules: project scoping, the duplicate constraint, optimistic
 * versions and keyset pages ordered by id.
 */
public final class InMemoryAccountStore implements AccountStore {
    private final Map<String, LinkedAccount> byKey = new TreeMap<>();

    @Override
    public synchronized LinkedAccount insert(LinkedAccount account) {
        requireNonNull(account, "account is null");
        if (byKey.containsKey(key(account.projectId(), account.id()))) {
            throw new DuplicateAccountException("Account " + account.id() + " already exists.");
        }
        if (findByProviderAccount(account.projectId(), account.originOwnerId(), account.provider(),
                account.providerAccount().id()).isPresent()) {
            throw new DuplicateAccountException("This provider account is already linked for this owner.");
        }
        byKey.put(key(account.projectId(), account.id()), account);
        return account;
    }

    @Override
    public synchronized LinkedAccount update(LinkedAccount account, long expectedVersion) {
        requireNonNull(account, "account is null");
        LinkedAccount stored = byKey.get(key(account.projectId(), account.id()));
        if (stored == null) {
            throw new AccountNotFoundException("No account " + account.id() + " in this project.");
        }
        if (stored.version() != expectedVersion) {
            throw new VersionConflictException("Account " + account.id() + " changed meanwhile.");
        }
        LinkedAccount updated = ImmutableLinkedAccount.copyOf(account).withVersion(expectedVersion + 1);
        byKey.put(key(account.projectId(), account.id()), updated);
        return updated;
    }

    @Override
    public synchronized Optional<LinkedAccount> find(String projectId, String accountId) {
        return Optional.ofNullable(byKey.get(key(projectId, accountId)));
    }

    @Override
    public synchronized Optional<LinkedAccount> findByProviderAccount(
            String projectId, String originOwnerId, String provider, String providerAccountId) {
        return byKey.values().stream()
                .filter(a -> a.projectId().equals(projectId) && a.originOwnerId().equals(originOwnerId)
                        && a.provider().equals(provider) && a.providerAccount().id().equals(providerAccountId))
                .findFirst();
    }

    @Override
    public synchronized Page<LinkedAccount> list(AccountQuery query) {
        List<LinkedAccount> matching = byKey.values().stream()
                .filter(a -> a.projectId().equals(query.projectId()))
                .filter(a -> query.originOwnerId().map(a.originOwnerId()::equals).orElse(true))
                .filter(a -> query.provider().map(a.provider()::equals).orElse(true))
                .filter(a -> query.status().map(s -> a.status() == s).orElse(true))
                .filter(a -> query.cursor().map(c -> a.id().compareTo(c) > 0).orElse(true))
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .limit(query.pageSize() + 1L)
                .toList();
        if (matching.size() <= query.pageSize()) {
            return new Page<>(matching, Optional.empty());
        }
        List<LinkedAccount> page = matching.subList(0, query.pageSize());
        return new Page<>(page, Optional.of(page.get(page.size() - 1).id()));
    }

    @Override
    public synchronized boolean delete(String projectId, String accountId) {
        return byKey.remove(key(projectId, accountId)) != null;
    }

    private static String key(String projectId, String accountId) {
        return projectId + "/" + accountId;
    }
}
