package org.connectorhub.hub.health;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.lifecycle.Lifecycle;

/** Scheduled health re-checks of stored production accounts. */
public final class HealthModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(RecheckStore.class).to(JdbcRecheckStore.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(HealthRecheckScheduler.class);
    }
}
