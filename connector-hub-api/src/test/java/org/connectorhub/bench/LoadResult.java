package org.connectorhub.bench;

import org.HdrHistogram.Histogram;

/** What a load run measured: successful calls, errors, throughput and latency percentiles (microseconds). */
record LoadResult(String name, int threads, long ops, long errors, double seconds, double throughput,
        double p50Micros, double p99Micros, double p999Micros, double maxMicros, String firstError,
        double callerCpuMicrosPerCall) {

    static LoadResult of(String name, int threads, Histogram histogram, long errors, long elapsedNanos, Throwable firstError) {
        return of(name, threads, histogram, errors, elapsedNanos, firstError, -1);
    }

    /** {@code callerCpuNanos}: CPU time the calling threads used while measuring, or -1 if unknown. */
    static LoadResult of(String name, int threads, Histogram histogram, long errors, long elapsedNanos, Throwable firstError,
            long callerCpuNanos) {
        double seconds = elapsedNanos / 1e9;
        long ops = histogram.getTotalCount();
        return new LoadResult(name, threads, ops, errors, seconds, ops / seconds,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getValueAtPercentile(99.9) / 1000.0, histogram.getMaxValue() / 1000.0,
                firstError == null ? "" : firstError.getClass().getSimpleName(),
                callerCpuNanos < 0 || ops == 0 ? -1 : callerCpuNanos / 1000.0 / ops);
    }

    @Override
    public String toString() {
        return String.format("%s c=%d ops=%d err=%d %.0f/s p50=%.0fus p99=%.0fus", name, threads, ops, errors,
                throughput, p50Micros, p99Micros);
    }
}
