package org.connectorhub.bench;

import static java.util.Objects.requireNonNull;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load driver: {@code threads} threads each call the operation back to back for a
 * fixed time, after a warm-up that is not recorded. Latencies go into one HdrHistogram per thread
 * (no sharing on the hot path), merged at the end. An operation that throws counts as an error.
 * {@link #compare} runs a baseline and ours in alternating slices, so that both see the same
 * machine: on a shared VM the load drifts within seconds, and a side measured in one block of
 * time would carry that drift (and the other side's JIT warm-up) into the ratio.
 */
final class LoadDriver {
    /** One call; it throws when the call failed. */
    @FunctionalInterface
    interface Operation {
        void call(int thread) throws Exception;
    }

    private LoadDriver() {
    }

    static LoadResult run(String name, int threads, Duration warmup, Duration measure, Operation operation) {
        requireNonNull(operation, "operation is null");
        if (!warmup.isZero()) {
            phase(name + "-warmup", threads, warmup, operation);
        }
        return phase(name, threads, measure, operation);
    }

    /**
     * Baseline and ours, each warmed up, then measured in {@code slices} alternating slices of
     * {@code measure / slices} each (baseline first in odd rounds, ours first in even ones); the
     * slices of each side are merged.
     */
    static LoadResult[] compare(int threads, Duration warmup, Duration measure, int slices, String baselineName,
            Operation baseline, String oursName, Operation ours) {
        requireNonNull(baseline, "baseline is null");
        requireNonNull(ours, "ours is null");
        if (!warmup.isZero()) {
            phase(baselineName + "-warmup", threads, warmup, baseline);
            phase(oursName + "-warmup", threads, warmup, ours);
        }
        Duration slice = measure.dividedBy(Math.max(1, slices));
        Slices base = new Slices(baselineName, threads);
        Slices our = new Slices(oursName, threads);
        for (int i = 0; i < Math.max(1, slices); i++) {
            if (i % 2 == 0) {
                base.add(measured(baselineName, threads, slice, baseline));
                our.add(measured(oursName, threads, slice, ours));
            } else {
                our.add(measured(oursName, threads, slice, ours));
                base.add(measured(baselineName, threads, slice, baseline));
            }
        }
        return new LoadResult[] {base.result(), our.result()};
    }

    private static final class Slices {
        private final String name;
        private final int threads;
        private final Histogram all = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
        private long errors;
        private long elapsed;
        private long cpu;
        private String firstError = "";

        Slices(String name, int threads) {
            this.name = name;
            this.threads = threads;
        }

        void add(Phase phase) {
            all.add(phase.histogram());
            errors += phase.result().errors();
            elapsed += phase.elapsedNanos();
            cpu = cpu < 0 || phase.cpuNanos() < 0 ? -1 : cpu + phase.cpuNanos();
            if (firstError.isEmpty()) {
                firstError = phase.result().firstError();
            }
        }

        LoadResult result() {
            LoadResult merged = LoadResult.of(name, threads, all, errors, elapsed, null, cpu);
            return firstError.isEmpty() ? merged : new LoadResult(merged.name(), merged.threads(), merged.ops(),
                    merged.errors(), merged.seconds(), merged.throughput(), merged.p50Micros(), merged.p99Micros(),
                    merged.p999Micros(), merged.maxMicros(), firstError, merged.callerCpuMicrosPerCall());
        }
    }

    private record Phase(LoadResult result, Histogram histogram, long elapsedNanos, long cpuNanos) {
    }

    private static LoadResult phase(String name, int threads, Duration duration, Operation operation) {
        return measured(name, threads, duration, operation).result();
    }

    private static Phase measured(String name, int threads, Duration duration, Operation operation) {
        ThreadMXBean cpuClock = ManagementFactory.getThreadMXBean();
        boolean cpuKnown = cpuClock.isCurrentThreadCpuTimeSupported();
        long[] cpuNanos = new long[threads];
        List<Histogram> histograms = new ArrayList<>();
        long[] errors = new long[threads];
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Histogram histogram = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
            histograms.add(histogram);
            int index = t;
            Thread worker = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    long cpuStart = cpuKnown ? cpuClock.getCurrentThreadCpuTime() : 0;
                    long end = deadline[0];
                    while (true) {
                        long start = System.nanoTime();
                        if (start >= end) {
                            break;
                        }
                        try {
                            operation.call(index);
                            histogram.recordValue(Math.min(System.nanoTime() - start, histogram.getHighestTrackableValue()));
                        } catch (Exception | AssertionError e) {
                            errors[index]++;
                            firstError.compareAndSet(null, e);
                        }
                    }
                    cpuNanos[index] = cpuKnown ? cpuClock.getCurrentThreadCpuTime() - cpuStart : -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "bench-" + name + "-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        try {
            ready.await();
            long started = System.nanoTime();
            deadline[0] = started + duration.toNanos();
            go.countDown();
            done.await();
            long elapsed = System.nanoTime() - started;
            Histogram all = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
            histograms.forEach(all::add);
            long errorCount = 0;
            for (long e : errors) {
                errorCount += e;
            }
            long cpu = 0;
            for (long c : cpuNanos) {
                cpu = cpu < 0 || c < 0 ? -1 : cpu + c;
            }
            return new Phase(LoadResult.of(name, threads, all, errorCount, elapsed, firstError.get(), cpu), all, elapsed, cpu);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + name, e);
        }
    }
}
