package org.connectorhub.hub.audit;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.http.RouteContributor;

/** {@code GET /v1/audit}: joins the server's routes (only with the HTTP API). */
public final class AuditHttpModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), RouteContributor.class).addBinding().to(AuditRoutes.class);
    }
}
