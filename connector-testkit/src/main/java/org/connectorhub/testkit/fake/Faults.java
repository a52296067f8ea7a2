package org.connectorhub.testkit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * The faults of one {@link FakeProviderServer}. They apply in the order added: for each request,
 * every matching {@link Fault.Delay} waits, and the first matching answering fault answers.
 * A fault limited by {@link Fault#times(int)} is used up after n matching requests.
 */
public final class Faults {
    private final List<Entry> entries = new ArrayList<>();
    private final BooleanSupplier ignorePathCase;

    Faults(BooleanSupplier ignorePathCase) {
        this.ignorePathCase = requireNonNull(ignorePathCase, "ignorePathCase is null");
    }

    /** A fault on every route (and on unknown paths). */
    public Faults add(Fault fault) {
        return add(null, null, fault);
    }

    /** A fault on one route: the method (any case, {@code *} for all) and a path template. */
    public Faults add(String method, String pathTemplate, Fault fault) {
        requireNonNull(fault, "fault is null");
        String normalizedMethod = method == null || method.equals("*") ? null : method.toUpperCase(Locale.ROOT);
        PathTemplate template = pathTemplate == null ? null : new PathTemplate(pathTemplate);
        synchronized (entries) {
            entries.add(new Entry(normalizedMethod, template, fault));
        }
        return this;
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    /** How many faults are still active. */
    public int active() {
        synchronized (entries) {
            return (int) entries.stream().filter(entry -> entry.remaining != 0).count();
        }
    }

    /** The faults this request meets, using them up: delays first, at most one answering fault last. */
    List<Fault> take(String method, String normalizedPath) {
        List<Fault> plan = new ArrayList<>();
        synchronized (entries) {
            for (Entry entry : entries) {
                if (entry.remaining == 0 || !entry.matches(method, normalizedPath, ignorePathCase.getAsBoolean())) {
                    continue;
                }
                if (entry.remaining > 0) {
                    entry.remaining--;
                }
                plan.add(entry.fault);
                if (!(entry.fault instanceof Fault.Delay)) {
                    break;
                }
            }
        }
        return plan;
    }

    private static final class Entry {
        private final String method;
        private final PathTemplate template;
        private final Fault fault;
        private int remaining;

        Entry(String method, PathTemplate template, Fault fault) {
            this.method = method;
            this.template = template;
            if (fault instanceof Fault.Limited limited) {
                this.fault = limited.fault();
                this.remaining = limited.times();
            } else {
                this.fault = fault;
                this.remaining = -1;
            }
        }

        boolean matches(String requestMethod, String normalizedPath, boolean ignoreCase) {
            if (method != null && !method.equalsIgnoreCase(requestMethod)) {
                return false;
            }
            return template == null || template.match(normalizedPath, ignoreCase).isPresent();
        }
    }
}
