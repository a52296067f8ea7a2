package org.connectorhub.testkit.example.calendly;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.connectorhub.core.domain.ConnectorDescriptor;
import org.connectorhub.core.spi.AuthVerifier;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;

/** Calendly, as the hub sees it: one Personal Access Token, a check on {@code /users/me}, two actions. */
final class CalendlyConnector implements Connector {
    private final ConnectorDescriptor descriptor = CalendlyCredentialSchema.descriptor();
    private final CalendlyAuthVerifier verifier;
    private final List<ConnectorAction> actions;

    CalendlyConnector(CalendlyApi api) {
        requireNonNull(api, "api is null");
        this.verifier = new CalendlyAuthVerifier(api);
        this.actions = List.of(new CalendlyListEventTypesAction(api), new CalendlyCancelEventAction(api));
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public AuthVerifier verifier() {
        return verifier;
    }

    @Override
    public List<ConnectorAction> actions() {
        return actions;
    }

    @Override
    public String toString() {
        return "CalendlyConnector{actions=" + actions.size() + "}";
    }
}
