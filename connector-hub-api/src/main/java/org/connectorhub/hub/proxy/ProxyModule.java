package org.connectorhub.hub.proxy;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.time.Clock;
import org.connectorhub.hub.config.ProxySettings;
import org.connectorhub.core.port.in.ProxyUseCase;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.core.service.ProxyService;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.accounts.CachingAccountStore;

/** The passthrough: the core's {@link ProxyService} behind its port, and its routes. */
public final class ProxyModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ProxyUseCase.class).to(ProxyService.class);
        Multibinder.newSetBinder(binder(), RouteContributor.class).addBinding().to(ProxyRoutes.class);
    }

    @Provides
    @Singleton
    ProxyService proxyService(ConnectorRegistry connectors, CachingAccountStore store, SecretCipher cipher, Clock clock,
            ProxySettings settings) {
        // the same short-lived cached account row as actions (no opened credentials in it)
        return new ProxyService(connectors, store, cipher, clock, settings.maxBodyBytes());
    }
}
