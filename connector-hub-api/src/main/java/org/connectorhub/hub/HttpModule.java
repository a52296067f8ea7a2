package org.connectorhub.hub;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.connectorhub.hub.page.EndUserRoutes;
import org.connectorhub.hub.http.HttpServer;
import org.connectorhub.hub.operability.OperabilityRoutes;
import org.connectorhub.hub.accounts.PlatformRoutes;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.page.HubPageRoutes;
import org.connectorhub.hub.webhooks.WebhookRoutes;
import org.connectorhub.hub.page.HubPageRoutes;

/**
 * The HTTP API on Javalin. Route groups are {@link RouteContributor}s in one multibinder, API
 * routes and static pages (the Hub page under {@code /hub}) alike; more can join from any module
 * with {@code Multibinder.newSetBinder(binder(), RouteContributor.class).addBinding()}.
 */
public final class HttpModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(HttpServer.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(HttpServer.class);
        Multibinder<RouteContributor> routes = Multibinder.newSetBinder(binder(), RouteContributor.class);
        routes.addBinding().to(OperabilityRoutes.class);
        routes.addBinding().to(PlatformRoutes.class);
        routes.addBinding().to(EndUserRoutes.class);
        routes.addBinding().to(HubPageRoutes.class);
        routes.addBinding().to(WebhookRoutes.class);
    }

    @Provides
    @Singleton
    ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
