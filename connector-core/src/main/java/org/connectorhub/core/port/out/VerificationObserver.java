package org.connectorhub.core.port.out;

import java.time.Duration;
import org.connectorhub.core.domain.VerificationOutcome;

/** Told of every verification, e.g. to count outcomes and time the provider. */
@FunctionalInterface
public interface VerificationObserver {
    VerificationObserver NONE = (provider, outcome, took) -> { };

    void verified(String provider, VerificationOutcome outcome, Duration took);
}
