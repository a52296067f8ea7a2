package org.connectorhub.hub.providerevents;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.http.RouteContributor;

/** The provider events' routes: the project setting and the receiver. */
public final class ProviderEventsHttpModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), RouteContributor.class).addBinding().to(ProviderEventRoutes.class);
    }
}
