package org.connectorhub.hub.providerevents;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.accounts.AccountChangeListener;
import org.connectorhub.hub.accounts.ProviderEventsPreference;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.connectorhub.hub.operability.HousekeepingTask;

/**
 * Provider events: subscription work is asked for in each account change's transaction
 * ({@link SubscriptionListener}) and done by {@link ProviderEventSync}. The HTTP side is
 * {@link ProviderEventsHttpModule}.
 */
public final class ProviderEventsModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ProviderEventStore.class).to(JdbcProviderEventStore.class).in(Singleton.class);
        bind(ProviderEventsPreference.class).to(ProviderEventPreferences.class);
        Multibinder.newSetBinder(binder(), AccountChangeListener.class).addBinding().to(SubscriptionListener.class);
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(ProviderEventSync.class);
        Multibinder.newSetBinder(binder(), HousekeepingTask.class).addBinding().to(ReceiptPurge.class);
    }
}
