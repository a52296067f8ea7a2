package org.connectorhub.hub.reliability;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The figures behind docs/reliability.md: each test appends what it tried and measured to
 * {@code <build dir>/reliability-figures.txt} and to standard output. Figures are reported, never asserted.
 */
final class Figures {
    private Figures() {
    }

    /** A count: faults tried, inputs tried, crashes survived, leaks found. */
    static void count(String name, long value) {
        write(name + " = " + value);
    }

    /** Latencies in microseconds: min, median, p95, max. */
    static void record(String name, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            write(name + " = no samples");
            return;
        }
        write(String.format("%s: n=%d min=%.1fms p50=%.1fms p95=%.1fms max=%.1fms", name, sorted.size(),
                sorted.get(0) / 1000.0, at(sorted, 0.50) / 1000.0, at(sorted, 0.95) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0));
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    private static synchronized void write(String line) {
        String stamped = Instant.now() + " " + line;
        System.out.println("[reliability] " + stamped);
        try {
            Path classes = Path.of(Figures.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Files.writeString(classes.getParent().resolve("reliability-figures.txt"), stamped + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // figures are a report; a read-only build dir must not fail a test
        }
    }
}
