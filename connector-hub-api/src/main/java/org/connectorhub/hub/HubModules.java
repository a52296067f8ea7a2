package org.connectorhub.hub;

import org.connectorhub.hub.config.HubConfigModule;
import org.connectorhub.hub.crypto.CryptoModule;
import org.connectorhub.hub.projects.BootstrapModule;
import org.connectorhub.hub.projects.ApiKeysHttpModule;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.io.PrintStream;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.activity.ActivityHttpModule;
import org.connectorhub.hub.activity.ActivityModule;
import org.connectorhub.hub.agents.AgentsModule;
import org.connectorhub.hub.audit.AuditHttpModule;
import org.connectorhub.hub.audit.AuditModule;
import org.connectorhub.hub.console.ConsoleHttpModule;
import org.connectorhub.hub.console.ConsoleModule;
import org.connectorhub.hub.health.HealthModule;
import org.connectorhub.hub.providerevents.ProviderEventsHttpModule;
import org.connectorhub.hub.providerevents.ProviderEventsModule;
import org.connectorhub.hub.proxy.ProxyModule;
import org.connectorhub.hub.webhooks.WebhooksModule;

/**
 * The hub's modules, chosen here (not inside modules): {@link #embedded} for a host application
 * that calls the use cases in-process, {@link #server} adds the HTTP API. Start the result with
 * {@code injector.getInstance(Hub.class).start()}.
 */
public final class HubModules {
    private HubModules() {
    }

    public static Module embedded(HubConfig config) {
        return embedded(config, System.out);
    }

    public static Module embedded(HubConfig config, PrintStream console) {
        return Modules.combine(
                new HubConfigModule(config, console),
                ConnectorsModule.discovered(),
                StoreModules.forConfig(config),
                new CryptoModule(),
                new CoreServicesModule(),
                new BootstrapModule(),
                new WebhooksModule(),
                new HealthModule(),
                new ActivityModule(),
                new AuditModule(),
                new ProviderEventsModule());
    }

    public static Module server(HubConfig config) {
        return server(config, System.out);
    }

    public static Module server(HubConfig config, PrintStream console) {
        return Modules.combine(embedded(config, console), new HttpModule(), new ProxyModule(), new ActivityHttpModule(),
                new AuditHttpModule(),
                new ApiKeysHttpModule(),
                new ConsoleModule(), new ConsoleHttpModule(),
                new AgentsModule(),
                new ProviderEventsHttpModule());
    }
}
