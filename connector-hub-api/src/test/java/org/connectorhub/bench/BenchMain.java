package org.connectorhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmark suite: {@code bin/bench} (full) or {@code bin/bench --smoke} (every scenario
 * for about a second). Options: {@code --only=jmh,adapter,transport,hub,proxy,linking,store,footprint,accounts,logs,nginx,console,mcp} and
 * {@code --out=DIR} (default {@code connector-hub-api/target/bench}). Prints the table and writes
 * {@code results.json}, {@code results.md} and {@code benchmarks.svg} into the output directory.
 */
public final class BenchMain {
    private BenchMain() {
    }

    /** Every scenario, in report order. */
    static List<Scenario> scenarios() {
        return List.of(new JmhScenario(), new AdapterVsOfficialScenario(), new TransportScenario(), new HubOverheadScenario(),
                new ProxyScenario(), new LinkingScenario(), new FootprintScenario(), new StoreAtScaleScenario(), new ManyAccountsScenario(),
                new ActivityLogScenario(), new NginxFloorScenario(), new ConsoleAccountsScenario(), new McpScenario());
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        Path out = Path.of("target", "bench");
        Set<String> only = new LinkedHashSet<>();
        for (String arg : args) {
            if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else if (arg.startsWith("--only=")) {
                only.addAll(Arrays.asList(arg.substring("--only=".length()).split(",")));
            } else if (!arg.equals("--smoke")) {
                System.err.println("usage: bench [--smoke] [--only=jmh,adapter,transport,hub,proxy,linking,store,footprint,accounts,logs,nginx,console,mcp] [--out=DIR]");
                System.exit(2);
            }
        }
        BenchLogging.configure();
        Path work = Files.createTempDirectory("connector-hub-bench");
        BenchSettings settings = smoke ? BenchSettings.smoke(work) : BenchSettings.full(work);
        List<Figure> figures = new ArrayList<>();
        List<String> loads = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Scenario scenario : scenarios()) {
            if (!only.isEmpty() && !only.contains(scenario.key())) {
                continue;
            }
            String before = Report.loadAverage();
            long start = System.nanoTime();
            System.out.printf("bench: %s (load average %s)...%n", scenario.key(), before);
            List<Figure> produced;
            try {
                produced = scenario.run(settings);
            } catch (Exception | LinkageError | AssertionError e) {
                // one broken scenario must not cost the figures of the others
                System.out.printf("bench: %s FAILED: %s%n", scenario.key(), e);
                failed.add(scenario.key());
                continue;
            }
            figures.addAll(produced);
            // print as we go: a long run that is cut short still shows what it measured
            System.out.print(new Report(produced, java.util.Map.of()).table());
            loads.add(scenario.key() + ": " + before + " -> " + Report.loadAverage());
            System.out.printf("bench: %s done in %.1f s%n", scenario.key(), (System.nanoTime() - start) / 1e9);
        }
        Report report = new Report(figures, Report.machine(smoke, loads));
        report.write(out);
        System.out.println();
        System.out.print(report.table());
        System.out.println();
        System.out.println("bench: results in " + out.toAbsolutePath() + " (results.json, results.md, benchmarks.svg)");
        deleteQuietly(work);
        if (!failed.isEmpty()) {
            System.out.println("bench: failed scenarios: " + failed);
        }
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
