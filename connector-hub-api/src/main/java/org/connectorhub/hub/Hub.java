package org.connectorhub.hub;

import org.connectorhub.hub.lifecycle.Lifecycle;
import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running hub: starts its {@link Lifecycle}s by phase (database, cipher, connectors,
 * bootstrap, HTTP) and stops them in reverse. A failed start stops what had started.
 */
public final class Hub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    private final List<Lifecycle> services;
    private final Injector injector;
    private final Deque<Lifecycle> started = new ArrayDeque<>();

    @Inject
    public Hub(Set<Lifecycle> services, Injector injector) {
        this.services = requireNonNull(services, "services is null").stream()
                .sorted(Comparator.comparingInt(Lifecycle::phase))
                .toList();
        this.injector = requireNonNull(injector, "injector is null");
    }

    /** Builds the injector from the modules and returns the (not yet started) hub. */
    public static Hub create(Module... modules) {
        return Guice.createInjector(modules).getInstance(Hub.class);
    }

    public synchronized Hub start() {
        for (Lifecycle service : services) {
            try {
                service.start();
                started.push(service);
                LOG.debug("started {}", service.name());
            } catch (RuntimeException e) {
                LOG.error("could not start {}; stopping what had started", service.name());
                stop();
                throw e;
            }
        }
        return this;
    }

    public synchronized void stop() {
        while (!started.isEmpty()) {
            Lifecycle service = started.pop();
            try {
                service.stop();
                LOG.debug("stopped {}", service.name());
            } catch (RuntimeException e) {
                LOG.warn("could not stop {} cleanly: {}", service.name(), e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public Injector injector() {
        return injector;
    }

    public <T> T instance(Class<T> type) {
        return injector.getInstance(type);
    }

    /** Stops the hub when the JVM exits (Ctrl-C, SIGTERM). */
    public Hub stopOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "hub-shutdown"));
        return this;
    }
}
