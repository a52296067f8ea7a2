package org.connectorhub.testkit.example.calendly;

import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.ProviderRejectedException;
import org.connectorhub.core.domain.ProviderResourceNotFoundException;

/** Turns Calendly's 4xx answers to an action into the core's errors. */
final class CalendlyErrors {
    private CalendlyErrors() {
    }

    static ConnectorHubException translate(CalendlyHttpException e) {
        return switch (e.status()) {
            case 401 -> new CredentialsRevokedException(
                    "Calendly no longer accepts this account's personal access token; link the account again.");
            case 404 -> new ProviderResourceNotFoundException("Calendly has no such resource: " + e.providerMessage());
            default -> new ProviderRejectedException(e.status(), e.title() + ": " + e.providerMessage());
        };
    }
}
