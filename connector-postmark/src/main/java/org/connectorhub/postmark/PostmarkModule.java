package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.PrivateModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorConfig;

/**
 * For hosts that wire with Guice: contributes the Postmark connector to the
 * {@code MapBinder<String, Connector>} under {@code "postmark"}. Clients, verifier and actions
 * stay private; only {@code @Named("postmark") Connector} is exposed. Binds only: no I/O.
 */
public final class PostmarkModule extends AbstractModule {
    private final ConnectorConfig config;

    public PostmarkModule(ConnectorConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        install(new PostmarkPrivateModule(config));
        MapBinder.newMapBinder(binder(), String.class, Connector.class)
                .addBinding(PostmarkCredentialSchema.PROVIDER)
                .to(Key.get(Connector.class, Names.named(PostmarkCredentialSchema.PROVIDER)));
    }

    private static final class PostmarkPrivateModule extends PrivateModule {
        private final ConnectorConfig config;

        PostmarkPrivateModule(ConnectorConfig config) {
            this.config = config;
        }

        @Override
        protected void configure() {
            bind(ConnectorConfig.class).annotatedWith(Names.named(PostmarkCredentialSchema.PROVIDER)).toInstance(config);
            expose(Connector.class).annotatedWith(Names.named(PostmarkCredentialSchema.PROVIDER));
        }

        @Provides
        @Singleton
        PostmarkSettings settings(@Named(PostmarkCredentialSchema.PROVIDER) ConnectorConfig connectorConfig) {
            return PostmarkSettings.from(connectorConfig);
        }

        @Provides
        @Singleton
        PostmarkClients clients(PostmarkSettings settings) {
            return new PostmarkClients(settings);
        }

        @Provides
        @Singleton
        PostmarkAuthVerifier verifier(PostmarkClients clients) {
            return new PostmarkAuthVerifier(clients);
        }

        @Provides
        @Singleton
        PostmarkActions actions(PostmarkClients clients) {
            return new PostmarkActions(clients);
        }

        @Provides
        @Singleton
        @Named(PostmarkCredentialSchema.PROVIDER)
        Connector connector(PostmarkClients clients, PostmarkAuthVerifier verifier, PostmarkActions actions) {
            return new PostmarkConnector(clients, verifier, actions);
        }
    }
}
