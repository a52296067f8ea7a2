package org.connectorhub.testkit.example.calendly;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.domain.VerificationOutcome.Rejected;
import org.connectorhub.core.domain.VerificationOutcome.Unavailable;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.connectorhub.core.spi.AuthVerifier;

/**
 * {@code GET /users/me} with the token: 200 → verified as that user; 401 → rejected on the
 * token; anything else, an unreadable body included, → unavailable. An outage is never a
 * rejection.
 */
final class CalendlyAuthVerifier implements AuthVerifier {
    private final CalendlyApi api;

    CalendlyAuthVerifier(CalendlyApi api) {
        this.api = requireNonNull(api, "api is null");
    }

    @Override
    public VerificationOutcome verify(Credentials credentials) {
        JsonNode me;
        try {
            me = api.get(credentials.require(CalendlyCredentialSchema.TOKEN), "/users/me");
        } catch (ProviderUnavailableException e) {
            return new Unavailable(e.getMessage(), e.retryAfter());
        } catch (CalendlyHttpException e) {
            if (e.status() == 401) {
                return Rejected.of(new FieldError(CalendlyCredentialSchema.TOKEN, "rejected",
                        "Calendly does not accept this personal access token: it is wrong, expired or revoked.",
                        CalendlyCredentialSchema.WHERE_TO_FIND_IT));
            }
            return Unavailable.of("Calendly answered " + e.status() + " " + e.title() + " to the token check.");
        }
        JsonNode user = me.path("resource");
        String uri = user.path("uri").asText("");
        if (uri.isBlank()) {
            return Unavailable.of("Calendly answered the token check without a user.");
        }
        return new Verified(Set.of(CalendlyCredentialSchema.SCOPE),
                new ProviderAccount(uri, user.path("name").asText(uri)), Mode.PRODUCTION, List.of());
    }

    @Override
    public String toString() {
        return "CalendlyAuthVerifier";
    }
}
