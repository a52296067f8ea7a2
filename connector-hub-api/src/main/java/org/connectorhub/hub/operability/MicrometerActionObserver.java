package org.connectorhub.hub.operability;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.connectorhub.core.domain.ActionRun;
import org.connectorhub.core.port.out.ActionObserver;

/** Times action runs as {@code hub.actions} by provider, action and outcome. */
public final class MicrometerActionObserver implements ActionObserver {
    private final MeterRegistry registry;
    // one timer per provider, action and outcome, found without building a meter id per call;
    // the core reports only actions a connector declares and outcomes from error codes: a bounded set
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    public MicrometerActionObserver(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void ran(ActionRun run) {
        timers.computeIfAbsent(List.of(run.provider(), run.action(), run.outcome()), key -> Timer.builder("hub.actions")
                        .description("Provider actions by provider, action and outcome")
                        .tag("provider", run.provider()).tag("action", run.action()).tag("outcome", run.outcome())
                        .register(registry))
                .record(run.took().toNanos(), TimeUnit.NANOSECONDS);
    }
}
