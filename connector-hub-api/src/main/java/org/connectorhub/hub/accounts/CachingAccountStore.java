package org.connectorhub.hub.accounts;

import org.connectorhub.hub.storage.CacheRegistry;
import org.connectorhub.hub.storage.ExpiringCache;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Page;
import org.connectorhub.core.port.out.AccountStore;

/**
 * An account store that keeps rows found by id for a short time, for the action path (two
 * lookups of the same row per call). Cached rows hold the credentials sealed, exactly as stored;
 * nothing opened is kept. Every update and delete through this store forgets the row once it
 * committed, and a row read while a write ran is not kept (see {@link ExpiringCache}), so on this
 * instance a change is seen at once and a deleted account never comes back. A change made by
 * another hub on the same database is heard through the {@link CacheRegistry} (PostgreSQL's
 * {@code NOTIFY}, table {@value #TABLE}) as soon as it commits; while that cannot be heard the
 * cache is bypassed. The TTL stays as a backstop.
 * <p>
 * {@link #freshReads()} is the same store reading every row from the database (what the account
 * management use cases see, so an update never starts from a cached version), whose writes forget
 * the cached row the same way.
 */
public final class CachingAccountStore implements AccountStore {
    /** The table named in change notices for account rows. */
    public static final String TABLE = "accounts";

    private record Key(String projectId, String accountId) {
    }

    private final AccountStore delegate;
    private final ExpiringCache<Key, LinkedAccount> rows;
    private final AccountStore freshReads = new FreshReads();

    public CachingAccountStore(AccountStore delegate, Duration ttl, int maxEntries) {
        this(delegate, ttl, maxEntries, new CacheRegistry());
    }

    public CachingAccountStore(AccountStore delegate, Duration ttl, int maxEntries, CacheRegistry caches) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        requireNonNull(caches, "caches is null");
        // a row read from the database never replaces a newer version of it
        this.rows = new ExpiringCache<>(ttl, maxEntries, (fresh, cached) -> fresh.version() >= cached.version(),
                caches::bypassed);
        caches.onChange(TABLE, id -> rows.invalidateIf((key, row) -> key.accountId().equals(id)));
        caches.onClear(rows::invalidateAll);
    }

    /** This store without the read cache; its writes still forget cached rows. */
    public AccountStore freshReads() {
        return freshReads;
    }

    @Override
    public Optional<LinkedAccount> find(String projectId, String accountId) {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        return rows.get(new Key(projectId, accountId), () -> delegate.find(projectId, accountId));
    }

    /** Absent rows are never cached, so a new account has nothing to forget. */
    @Override
    public LinkedAccount insert(LinkedAccount account) {
        return delegate.insert(account);
    }

    @Override
    public LinkedAccount update(LinkedAccount account, long expectedVersion) {
        requireNonNull(account, "account is null");
        try {
            return delegate.update(account, expectedVersion);
        } finally {
            // also after a conflict or a failure: the cached copy may be the stale one
            rows.invalidate(new Key(account.projectId(), account.id()));
        }
    }

    @Override
    public boolean delete(String projectId, String accountId) {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        try {
            return delegate.delete(projectId, accountId);
        } finally {
            rows.invalidate(new Key(projectId, accountId));
        }
    }

    @Override
    public Optional<LinkedAccount> findByProviderAccount(
            String projectId, String originOwnerId, String provider, String providerAccountId) {
        return delegate.findByProviderAccount(projectId, originOwnerId, provider, providerAccountId);
    }

    @Override
    public Page<LinkedAccount> list(AccountQuery query) {
        return delegate.list(query);
    }

    int cachedRows() {
        return rows.size();
    }

    @Override
    public String toString() {
        return "CachingAccountStore[" + delegate.getClass().getSimpleName() + "]";
    }

    private final class FreshReads implements AccountStore {
        @Override
        public Optional<LinkedAccount> find(String projectId, String accountId) {
            return delegate.find(projectId, accountId);
        }

        @Override
        public LinkedAccount insert(LinkedAccount account) {
            return CachingAccountStore.this.insert(account);
        }

        @Override
        public LinkedAccount update(LinkedAccount account, long expectedVersion) {
            return CachingAccountStore.this.update(account, expectedVersion);
        }

        @Override
        public boolean delete(String projectId, String accountId) {
            return CachingAccountStore.this.delete(projectId, accountId);
        }

        @Override
        public Optional<LinkedAccount> findByProviderAccount(
                String projectId, String originOwnerId, String provider, String providerAccountId) {
            return delegate.findByProviderAccount(projectId, originOwnerId, provider, providerAccountId);
        }

        @Override
        public Page<LinkedAccount> list(AccountQuery query) {
            return delegate.list(query);
        }
    }
}
