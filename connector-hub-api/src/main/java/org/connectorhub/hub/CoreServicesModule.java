package org.connectorhub.hub;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.connectorhub.core.port.in.LinkAccountUseCase;
import org.connectorhub.core.port.in.ManageAccountsUseCase;
import org.connectorhub.core.port.in.RunActionUseCase;
import org.connectorhub.core.port.in.SuspendAccountUseCase;
import org.connectorhub.core.port.in.VerifyAccountUseCase;
import org.connectorhub.core.port.out.AccountStore;
import org.connectorhub.core.port.out.ActionObserver;
import org.connectorhub.core.port.out.ActivityRecorder;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.InputSchemaValidator;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.core.port.out.VerificationObserver;
import org.connectorhub.core.service.AccountService;
import org.connectorhub.core.service.ActionService;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.connectorhub.hub.operability.JvmMetrics;
import org.connectorhub.hub.operability.MicrometerActionObserver;
import org.connectorhub.hub.operability.MicrometerVerificationObserver;
import org.connectorhub.hub.sessions.ConnectSessions;
import org.connectorhub.hub.accounts.ActionInputValidator;
import org.connectorhub.hub.accounts.CachingAccountStore;

/** The core's services behind its use-case ports, metrics, and connect sessions. */
public final class CoreServicesModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(LinkAccountUseCase.class).to(AccountService.class);
        bind(VerifyAccountUseCase.class).to(AccountService.class);
        bind(ManageAccountsUseCase.class).to(AccountService.class);
        bind(SuspendAccountUseCase.class).to(AccountService.class);
        bind(RunActionUseCase.class).to(ActionService.class);
        bind(VerificationObserver.class).to(MicrometerVerificationObserver.class).in(Singleton.class);
        bind(ActionObserver.class).to(MicrometerActionObserver.class).in(Singleton.class);
        bind(InputSchemaValidator.class).to(ActionInputValidator.class);
        bind(ConnectSessions.class).in(Singleton.class);
        // the activity log's slice sets the real recorder; without it entries go nowhere
        OptionalBinder.newOptionalBinder(binder(), ActivityRecorder.class).setDefault().toInstance(ActivityRecorder.NONE);
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(JvmMetrics.class);
    }

    @Provides
    @Singleton
    PrometheusMeterRegistry prometheusRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Provides
    @Singleton
    MeterRegistry meterRegistry(PrometheusMeterRegistry registry) {
        return registry;
    }

    @Provides
    @Singleton
    AccountService accountService(ConnectorRegistry connectors, AccountStore store, SecretCipher cipher, Clock clock,
            VerificationObserver observer) {
        return new AccountService(connectors, store, cipher, clock, observer);
    }

    @Provides
    @Singleton
    ActionService actionService(ConnectorRegistry connectors, CachingAccountStore store, SecretCipher cipher,
            InputSchemaValidator inputValidator, ActionObserver observer, Clock clock) {
        // the action path reads the account through the short-lived cache (no opened credentials in it)
        return new ActionService(connectors, store, cipher, inputValidator, observer, clock);
    }
}
