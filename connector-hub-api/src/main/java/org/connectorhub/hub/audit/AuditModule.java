package org.connectorhub.hub.audit;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import org.connectorhub.hub.operability.HousekeepingTask;
import org.connectorhub.hub.accounts.AccountChangeListener;
import org.connectorhub.hub.storage.AuditTrail;

/** The audit trail: the stores' {@link AuditTrail}, the account listener, its store and its retention. */
public final class AuditModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(AuditStore.class).to(JdbcAuditStore.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), AuditTrail.class).setBinding().to(AuditWriter.class);
        Multibinder.newSetBinder(binder(), AccountChangeListener.class).addBinding().to(AuditAccountListener.class);
        Multibinder.newSetBinder(binder(), HousekeepingTask.class).addBinding().to(AuditPurge.class);
    }
}
