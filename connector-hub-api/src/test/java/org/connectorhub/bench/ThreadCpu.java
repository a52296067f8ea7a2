package org.connectorhub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time used by the threads of this JVM whose names match, between two snapshots: how the
 * fake Postmark's share of the CPU is measured (its threads are {@code fake-provider-*} and the
 * JDK HTTP server's dispatcher). Threads that started after the first snapshot count in full;
 * threads that ended before the second are lost, so keep the span short.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Predicate<String> names;
    private final Map<Long, Long> start;

    private ThreadCpu(Predicate<String> names) {
        this.names = names;
        this.start = snapshot(names);
    }

    static ThreadCpu of(Predicate<String> names) {
        return new ThreadCpu(names);
    }

    /** The fake providers' threads (see the test kit's FakeProviderServer). */
    static ThreadCpu fakeProviders() {
        return of(name -> name.startsWith("fake-provider-") || name.startsWith("HTTP-Dispatcher"));
    }

    /** Nanoseconds of CPU used by the matching threads since this was created; -1 if the JVM cannot tell. */
    long nanosSinceStart() {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (Map.Entry<Long, Long> now : snapshot(names).entrySet()) {
            total += now.getValue() - start.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    private static Map<Long, Long> snapshot(Predicate<String> names) {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && names.test(info.getThreadName())) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
