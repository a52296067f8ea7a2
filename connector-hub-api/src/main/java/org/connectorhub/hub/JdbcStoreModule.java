package org.connectorhub.hub;
import org.connectorhub.hub.config.CacheSettings;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.connectorhub.core.port.out.AccountStore;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.hub.storage.DatabaseLifecycle;
import org.connectorhub.hub.storage.DeferredDataSource;
import org.connectorhub.hub.operability.Housekeeping;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.connectorhub.hub.idempotency.IdempotencyStore;
import org.connectorhub.hub.idempotency.JdbcIdempotencyStore;
import org.connectorhub.hub.sessions.JdbcSessionStore;
import org.connectorhub.hub.sessions.SessionStore;
import org.connectorhub.hub.accounts.AccountChangeListener;
import org.connectorhub.hub.accounts.CachingAccountStore;
import org.connectorhub.hub.accounts.JdbcAccountStore;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.hub.operability.HousekeepingTask;
import org.connectorhub.hub.storage.AuditTrail;
import org.connectorhub.hub.storage.CacheRegistry;
import org.connectorhub.hub.storage.ChangeNotices;

/** The JDBC stores (H2 or PostgreSQL) over the pool that {@link DatabaseLifecycle} opens on start. */
public final class JdbcStoreModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(DatabaseLifecycle.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(DatabaseLifecycle.class);
        bind(DataSource.class).to(DeferredDataSource.class).in(Singleton.class);
        // the caches subscribe here; the change listener (PostgreSQL only) tells them what other hubs change
        bind(CacheRegistry.class).in(Singleton.class);
        bind(SessionStore.class).to(JdbcSessionStore.class).in(Singleton.class);
        bind(IdempotencyStore.class).to(JdbcIdempotencyStore.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(Housekeeping.class);
        // retention of the activity log and the audit trail join from their own modules
        Multibinder.newSetBinder(binder(), HousekeepingTask.class);
        // the webhook outbox (WebhooksModule) and the audit trail (AuditModule) join; without them, changes tell no one
        Multibinder.newSetBinder(binder(), AccountChangeListener.class);
        // the audit trail's slice sets the real one; without it, changes are not audited
        OptionalBinder.newOptionalBinder(binder(), AuditTrail.class).setDefault().toInstance(AuditTrail.NONE);
    }

    /** The action path reads accounts through the short-lived cache. */
    @Provides
    @Singleton
    CachingAccountStore cachingAccountStore(DataSource dataSource, SecretCipher cipher,
            Set<AccountChangeListener> listeners, CacheSettings cache, CacheRegistry caches) {
        List<AccountChangeListener> all = new java.util.ArrayList<>(listeners);
        // every hub's cache forgets the row when the change commits
        all.add((connection, before, after) -> ChangeNotices.send(connection, CachingAccountStore.TABLE,
                after.or(() -> before).orElseThrow().id()));
        AccountChangeListener listener = AccountChangeListener.all(all);
        // with the cipher, each row records its key version (what re-sealing after a rotation looks for)
        return new CachingAccountStore(new JdbcAccountStore(dataSource, cipher).withChangeListener(listener),
                cache.accountTtl(), cache.maxEntries(), caches);
    }

    /** Everyone else reads fresh rows; all writes go through the cache, which forgets what they change. */
    @Provides
    @Singleton
    AccountStore accountStore(CachingAccountStore accounts) {
        return accounts.freshReads();
    }

    @Provides
    @Singleton
    ProjectStore projectStore(DataSource dataSource, CacheSettings cache, AuditTrail audit, CacheRegistry caches) {
        return new JdbcProjectStore(dataSource, cache.apiKeyTtl(), cache.maxEntries(), caches).withAudit(audit);
    }
}
