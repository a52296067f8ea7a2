package org.connectorhub.hub.operability;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.port.out.VerificationObserver;

/** Counts verification outcomes by provider and outcome, and times the provider's answer. */
public final class MicrometerVerificationObserver implements VerificationObserver {
    private final MeterRegistry registry;

    @Inject
    public MicrometerVerificationObserver(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void verified(String provider, VerificationOutcome outcome, Duration took) {
        String name = outcomeName(outcome);
        Counter.builder("hub.verifications")
                .description("Credential verifications by provider and outcome")
                .tag("provider", provider)
                .tag("outcome", name)
                .register(registry)
                .increment();
        Timer.builder("hub.provider.verification")
                .description("How long the provider took to answer a verification")
                .tag("provider", provider)
                .tag("outcome", name)
                .register(registry)
                .record(took);
    }

    static String outcomeName(VerificationOutcome outcome) {
        if (outcome instanceof VerificationOutcome.Verified) {
            return "verified";
        }
        if (outcome instanceof VerificationOutcome.Rejected) {
            return "rejected";
        }
        return "unavailable";
    }
}
