package org.connectorhub.core.port.in;

import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.VerificationOutcome;

/** Verification without linking, and re-verification of stored accounts. */
public interface VerifyAccountUseCase {
    /**
     * Checks credentials against the schema, then the provider; stores nothing. Schema problems
     * come back as {@code Rejected}.
     *
     * @throws org.connectorhub.core.domain.UnknownProviderException no such connector
     */
    VerificationOutcome verifyCredentials(String provider, Credentials credentials);

    /**
     * Re-verifies a stored account. Only a rejection makes it {@code invalid}; an outage keeps
     * the status and records a reason; success makes it {@code active}.
     */
    VerifyResult reverify(String projectId, String accountId);
}
