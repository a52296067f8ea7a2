package org.connectorhub.core.port.in;

import static java.util.Objects.requireNonNull;

import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.VerificationOutcome;

/** The account after a re-check, and what the provider said. */
public record VerifyResult(LinkedAccount account, VerificationOutcome outcome) {
    public VerifyResult {
        requireNonNull(account, "account is null");
        requireNonNull(outcome, "outcome is null");
    }
}
