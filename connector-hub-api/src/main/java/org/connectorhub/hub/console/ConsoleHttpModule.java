package org.connectorhub.hub.console;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.lifecycle.Lifecycle;

/** The console's pages and {@code POST /v1/console/sign_in_links} join the server, with the first-start sign-in link. */
public final class ConsoleHttpModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder<RouteContributor> routes = Multibinder.newSetBinder(binder(), RouteContributor.class);
        routes.addBinding().to(ConsoleRoutes.class);
        routes.addBinding().to(ConsoleTools.class);
        routes.addBinding().to(ConsoleLinkRoutes.class);
        routes.addBinding().to(ConsoleKeys.class);
        routes.addBinding().to(ConsoleWebhooks.class);
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(ConsoleFirstStart.class);
    }
}
