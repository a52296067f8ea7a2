package org.connectorhub.hub;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.connectorhub.hub.storage.ChangeListener;

/**
 * The change listener that keeps this hub's caches in step with other hubs: chosen by
 * {@link StoreModules} on PostgreSQL when a cache is on.
 */
public final class ChangeListenerModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(ChangeListener.class);
    }
}
