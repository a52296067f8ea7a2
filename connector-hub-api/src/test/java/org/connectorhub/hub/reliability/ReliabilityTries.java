package org.connectorhub.hub.reliability;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets each property's tries from {@code -Dreliability.tries=N} (default {@value #DEFAULT_TRIES},
 * the CI mode; e.g. 10000 for the full run) and reports how many inputs each property tried.
 */
public final class ReliabilityTries implements AroundPropertyHook {
    public static final int DEFAULT_TRIES = 1000;
    static final ConcurrentHashMap<String, AtomicLong> TRIED = new ConcurrentHashMap<>();

    static int tries() {
        return Integer.getInteger("reliability.tries", DEFAULT_TRIES);
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.attributes().setTries(tries());
        PropertyExecutionResult result = property.execute();
        String name = context.targetMethod().getName();
        long tried = result.countTries();
        Figures.count("hostile_input." + name + ".tries", tried);
        TRIED.computeIfAbsent(name, n -> new AtomicLong()).addAndGet(tried);
        return result;
    }
}
