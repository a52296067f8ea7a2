package org.connectorhub.bench;

import static java.util.Objects.requireNonNull;

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

    private static LoadResult phase(String name, int threads, Duration duration, Operation operation) {
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
            return LoadResult.of(name, threads, all, errorCount, elapsed, firstError.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + name, e);
        }
    }
}
