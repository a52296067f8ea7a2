package org.connectorhub.testkit.example.calendly;

import com.google.inject.Module;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.core.spi.ConnectorFactory;
import org.connectorhub.testkit.ConnectorContract;
import org.connectorhub.testkit.InvalidCredentials;
import org.connectorhub.testkit.fake.FakeProviderServer;

/** Calendly, the kit's example connector, passes the contract against {@link FakeCalendly}. */
public class CalendlyConnectorContractTest extends ConnectorContract {
    private FakeCalendly calendly;
    private FakeCalendly.User user;

    @Override
    protected ConnectorFactory factory() {
        return new CalendlyConnectorFactory();
    }

    @Override
    protected FakeProviderServer startFakeProvider() {
        calendly = FakeCalendly.start();
        user = calendly.addUser("Ada Lovelace", "ada@example.com");
        calendly.addEventType(user, "30 Minute Meeting", 30, true);
        calendly.addEventType(user, "Old Intro Call", 15, false);
        return calendly.http();
    }

    @Override
    protected void stopFakeProvider(FakeProviderServer server) {
        calendly.close();
    }

    @Override
    protected Credentials validCredentials() {
        return Credentials.of(CalendlyCredentialSchema.TOKEN, user.token());
    }

    @Override
    protected InvalidCredentials invalidCredentials() {
        return new InvalidCredentials(Credentials.of(CalendlyCredentialSchema.TOKEN, calendly.unknownToken()),
                CalendlyCredentialSchema.TOKEN);
    }

    /** A fresh event per call, so every run of cancel_event has something to cancel. */
    @Override
    protected Map<String, Map<String, Object>> sampleInputs() {
        return Map.of(
                "list_event_types", Map.of("count", 10, "active", true),
                "cancel_event", Map.of(
                        "event_uuid", calendly.addScheduledEvent(user, "Intro call").uuid(),
                        "reason", "Travelling that week"));
    }

    @Override
    protected Optional<Module> guiceModule(ConnectorConfig config) {
        return Optional.of(new CalendlyModule(config));
    }
}
