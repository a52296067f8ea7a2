package org.connectorhub.hub.config;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import java.io.PrintStream;
import java.time.Clock;

/**
 * The configuration, section by section (a slice injects only its own), the clock and the
 * console (where the one-time bootstrap key is printed).
 */
public final class HubConfigModule extends AbstractModule {
    private final HubConfig config;
    private final PrintStream console;

    public HubConfigModule(HubConfig config, PrintStream console) {
        this.config = requireNonNull(config, "config is null");
        this.console = requireNonNull(console, "console is null");
    }

    @Override
    protected void configure() {
        bind(HubConfig.class).toInstance(config);
        bind(HttpConfig.class).toInstance(config.http());
        bind(DatabaseConfig.class).toInstance(config.database());
        bind(DatabaseSettings.class).toInstance(config.databaseSettings());
        bind(CipherConfig.class).toInstance(config.cipher());
        bind(ProjectsConfig.class).toInstance(config.projects());
        bind(CacheSettings.class).toInstance(config.caches());
        bind(WebhookSettings.class).toInstance(config.webhooks());
        bind(RecheckSettings.class).toInstance(config.rechecks());
        bind(ActivitySettings.class).toInstance(config.logs());
        bind(AuditSettings.class).toInstance(config.audit());
        bind(ProxySettings.class).toInstance(config.proxy());
        bind(ProviderEventsSettings.class).toInstance(config.providerEvents());
        bind(ConnectorsConfig.class).toInstance(config.connectors());
        bind(PrintStream.class).annotatedWith(Names.named("console")).toInstance(console);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }
}
