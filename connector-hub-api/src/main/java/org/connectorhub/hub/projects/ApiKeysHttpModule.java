package org.connectorhub.hub.projects;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.http.RouteContributor;

/** {@code /v1/api_keys}: joins the server's routes (only with the HTTP API). */
public final class ApiKeysHttpModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), RouteContributor.class).addBinding().to(ApiKeyRoutes.class);
    }
}
