package org.connectorhub.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How long and how big: {@link #full} for the published figures, {@link #smoke} to check in a
 * second or so per scenario that everything runs (CI). {@code workDir} holds temp databases.
 */
record BenchSettings(boolean smoke, Duration warmup, Duration measure, int storeAccounts, int storeSamples,
        int startups, Path workDir) {

    BenchSettings {
        requireNonNull(warmup, "warmup is null");
        requireNonNull(measure, "measure is null");
        requireNonNull(workDir, "workDir is null");
    }

    static BenchSettings full(Path workDir) {
        // a 5 s warm-up per side: with 2 s the adapter's deeper call path (Feign, codec, input checks)
        // was still being compiled at concurrency 1 while the official client's was done
        return new BenchSettings(false, Duration.ofSeconds(Integer.getInteger("bench.warmup.seconds", 5)),
                Duration.ofSeconds(Integer.getInteger("bench.measure.seconds", 6)), 1_000_000,
                Integer.getInteger("bench.store.samples", 300), 3, workDir);
    }

    static BenchSettings smoke(Path workDir) {
        return new BenchSettings(true, Duration.ofMillis(100), Duration.ofMillis(250), 10_000, 500, 1, workDir);
    }
}
