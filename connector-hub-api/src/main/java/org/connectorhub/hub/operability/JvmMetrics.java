package org.connectorhub.hub.operability;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import org.connectorhub.hub.lifecycle.Lifecycle;

/**
 * The JVM's own figures on {@code /metrics}: heap and its pools, collections and the bytes allocated
 * between them ({@code jvm_gc_memory_allocated_bytes_total}, which the benchmarks divide by calls),
 * threads, loaded classes and CPU. Bound at start, not in the module: the collector listener is a
 * resource that must be released at stop.
 */
@Singleton
public final class JvmMetrics implements Lifecycle {
    private final MeterRegistry registry;
    private JvmGcMetrics gc;

    @Inject
    public JvmMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
    }

    @Override
    public void start() {
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    @Override
    public void stop() {
        if (gc != null) {
            gc.close();
            gc = null;
        }
    }

    @Override
    public int phase() {
        // before everything else, so a slow start is visible on /metrics as soon as HTTP is up
        return DATABASE - 50;
    }
}
