package org.connectorhub.core.spi;

import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.VerificationOutcome;

/**
 * Asks the provider whether credentials are good. Every expected result, outages included, is
 * an outcome, not an exception. Called only with credentials that passed the schema's checks.
 */
@FunctionalInterface
public interface AuthVerifier {
    VerificationOutcome verify(Credentials credentials);
}
