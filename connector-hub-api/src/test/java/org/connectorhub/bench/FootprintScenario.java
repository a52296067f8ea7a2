package org.connectorhub.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Scenario 5: the hub as a separate process, started the way users start it: {@code bin/hub serve}
 * (its heap cap, serial collector and class-data archive) when bin/bench built the runnable jar,
 * else {@code java} on this JVM's class path (smoke mode in CI). Time from launching the process
 * to {@code /readyz} answering 200, against a bare JVM's start ({@code java -version}), for a first
 * start (fresh data directory: master key, keyset and migrations are created) and a restart (the
 * same directory); then resident memory (VmRSS) idle and under scenario 2's load. In full mode the
 * same jar is also started as before this work ({@code java -jar}, default flags, no archive) so
 * the gain is measured, not assumed.
 */
final class FootprintScenario implements Scenario {
    static final double TARGET_START_SECONDS = 1.5;
    static final double TARGET_RSS_MB = 300;
    private static final String SCENARIO = "5. footprint";

    @Override
    public String key() {
        return "footprint";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        Launch ours = settings.smoke() ? Launch.classPath() : Launch.binHub().orElseGet(Launch::classPath);
        Optional<Launch> before = settings.smoke() ? Optional.empty() : shadedJar().map(Launch::plainJar);
        if (!settings.smoke()) {
            ours.prime();
        }
        int n = settings.startups();
        double[] jvm = new double[n];
        double[][] fresh = new double[2][n];
        double[][] restart = new double[2][n];
        double[][] old = new double[2][n];
        List<Figure> figures = new ArrayList<>();
        try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake)) {
            String apiKey = ApiKeys.newApiKey();
            Figure memory = null;
            Figure memoryBefore = null;
            for (int i = 0; i < n; i++) {
                boolean last = i == n - 1;
                jvm[i] = bareJvmSeconds();
                Path dataDir = Files.createTempDirectory(settings.workDir(), "footprint");
                try (Child child = Child.start(ours, dataDir, apiKey, fake)) {
                    fresh[0][i] = child.secondsToReady();
                    fresh[1][i] = child.cpuSeconds();
                }
                // the last restart of each also carries scenario 2's load, for the memory figures
                try (Child child = Child.start(ours, dataDir, apiKey, fake)) {
                    restart[0][i] = child.secondsToReady();
                    restart[1][i] = child.cpuSeconds();
                    if (last) {
                        memory = underLoad(settings, child, fake, ours.name(), TARGET_RSS_MB);
                    }
                }
                if (before.isPresent()) {
                    try (Child child = Child.start(before.get(), dataDir, apiKey, fake)) {
                        old[0][i] = child.secondsToReady();
                        old[1][i] = child.cpuSeconds();
                        if (last) {
                            memoryBefore = underLoad(settings, child, fake, before.get().name(), null);
                        }
                    }
                }
            }
            figures.add(startFigure("first start (fresh data dir)", jvm, fresh, ours));
            figures.add(startFigure("restart (existing data dir)", jvm, restart, ours));
            if (before.isPresent()) {
                figures.add(new Figure(SCENARIO, "restart to /readyz 200: before vs after (median of " + n + ")",
                        before.get().name(), median(old[0]), ours.name(), median(restart[0]), "s", "(diagnosis)", null, n, n,
                        String.format("before: %s s, CPU %s s; after: %s s, CPU %s s.", Arrays.toString(round(old[0])),
                                Arrays.toString(round(old[1])), Arrays.toString(round(restart[0])),
                                Arrays.toString(round(restart[1])))));
            }
            figures.add(memory);
            if (memoryBefore != null) {
                figures.add(memoryBefore);
            }
        }
        return figures;
    }

    private static Figure startFigure(String what, double[] jvm, double[][] hub, Launch launch) {
        double median = median(hub[0]);
        return new Figure(SCENARIO, "start to /readyz 200, " + what + " (median of " + jvm.length + ")",
                "bare JVM (java -version)", median(jvm), launch.name(), median, "s",
                String.format("<= %.1f s", TARGET_START_SECONDS), median <= TARGET_START_SECONDS, jvm.length, jvm.length,
                String.format("%s; all: %s s; CPU time used by then: %s s.", launch.description(),
                        Arrays.toString(round(hub[0])), Arrays.toString(round(hub[1]))));
    }

    private static Figure underLoad(BenchSettings settings, Child child, FakePostmark fake, String name, Double target)
            throws Exception {
        FakePostmark.Server server = fake.addServer("Bench " + name);
        LoadResult load;
        long idleKb;
        AtomicLong peakKb;
        try (HubHttp http = new HubHttp(child.baseUrl(), child.apiKey())) {
            HubHttp.Request send = http.sendEmail(http.link("bench-owner-" + System.nanoTime(), server.serverToken()));
            idleKb = child.rssKb();
            peakKb = new AtomicLong(idleKb);
            AtomicLong peak = peakKb;
            try (Periodic sampler = Periodic.every(Duration.ofMillis(100), "bench-rss-sampler",
                    () -> peak.accumulateAndGet(child.rssKb(), Math::max))) {
                load = LoadDriver.run("hub under load", HubOverheadScenario.THREADS, settings.warmup(), settings.measure(),
                        thread -> http.call(send));
            }
        }
        peakKb.accumulateAndGet(child.rssKb(), Math::max);
        double idleMb = idleKb / 1024.0;
        double peakMb = peakKb.get() / 1024.0;
        return new Figure(SCENARIO, "resident memory (VmRSS), peak under load at concurrency " + HubOverheadScenario.THREADS
                + ", " + name, "idle after start", idleMb, "under load", peakMb, "MB",
                target == null ? "(diagnosis)" : String.format("<= %.0f MB", target), target == null ? null : peakMb <= target,
                1, load.ops(), String.format("%,.0f send_email/s through the hub process during the sample.", load.throughput())
                        + (load.errors() > 0 ? " errors: " + load.errors() + " (" + load.firstError() + ")." : ""));
    }

    /** How a hub process is launched: a command prefix (before {@code serve ...}) and its environment. */
    record Launch(String name, String description, List<String> command, Map<String, String> env) {
        /** bin/hub as users run it, on the jar bin/bench built. */
        static Optional<Launch> binHub() throws IOException {
            Path script = Path.of(System.getProperty("bench.hub.script", "../bin/hub"));
            if (!Files.isExecutable(script) || shadedJar().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Launch("bin/hub serve", "bin/hub: -Xmx256m, serial GC, start-up archive (AOT cache on Java 25+, else AppCDS)",
                    List.of(script.toAbsolutePath().normalize().toString()),
                    // -Dbench.hub.aot=0: bin/hub keeps the PATH's java (a before/after of the AOT cache)
                    Map.of("HUB_BUILD_DIR", System.getProperty("bench.build.dir", "target"),
                            "HUB_AOT", System.getProperty("bench.hub.aot", "1"))));
        }

        /** The same jar as before this work: default JVM flags, no class-data archive. */
        static Launch plainJar(Path jar) {
            return new Launch("java -jar, default flags", "java -jar, default JVM flags, no archive",
                    List.of(java(), "-jar", jar.toString()), Map.of());
        }

        /** This JVM's class path (no shaded jar built; smoke mode). */
        static Launch classPath() {
            return new Launch("hub serve (class path)", "java -cp <class path>, default JVM flags",
                    List.of(java(), "-cp", System.getProperty("java.class.path"), "org.connectorhub.hub.HubMain"), Map.of());
        }

        /** Runs once untimed: bin/hub trains its start-up archive on first use. */
        void prime() throws IOException, InterruptedException {
            List<String> version = new ArrayList<>(command);
            version.add("--version");
            ProcessBuilder builder = new ProcessBuilder(version).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().keySet().removeIf(key -> key.startsWith("HUB_") || key.startsWith("JAVA_TOOL"));
            builder.environment().putAll(env);
            if (!builder.start().waitFor(180, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " --version did not finish in 180 s");
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Optional<Path> shadedJar() throws IOException {
        String configured = System.getProperty("bench.hub.jar", "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path buildDir = Path.of(System.getProperty("bench.build.dir", "target"));
        if (!Files.isDirectory(buildDir)) {
            return Optional.empty();
        }
        try (var files = Files.list(buildDir)) {
            return files.filter(f -> f.getFileName().toString().matches("connector-hub-api-.*-all\\.jar")).findFirst();
        }
    }

    private static double bareJvmSeconds() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.waitFor();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 1000) / 1000.0).toArray();
    }

    /** A hub process of our own (also scenario 1d's); closed by destroying exactly this process. */
    static final class Child implements AutoCloseable {
        private final Process process;
        private final String baseUrl;
        private final String apiKey;
        private final long launchedNanos;

        private Child(Process process, String baseUrl, String apiKey, long launchedNanos) {
            this.process = process;
            this.baseUrl = baseUrl;
            this.apiKey = apiKey;
            this.launchedNanos = launchedNanos;
        }

        static Child start(Launch launch, Path dataDir, String apiKey, FakePostmark fake) throws IOException {
            return start(launch, dataDir, apiKey, fake.baseUri().toString());
        }

        static Child start(Launch launch, Path dataDir, String apiKey, String postmarkBaseUrl) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(launch.command());
            command.addAll(List.of("serve", "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--data-dir", dataDir.toString(), "--bootstrap-api-key", apiKey,
                    "--postmark-base-url", postmarkBaseUrl, "--connector", "postmark.max_attempts=1"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("hub.log").toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("HUB_") || name.startsWith("JAVA_TOOL"));
            builder.environment().putAll(launch.env());
            long launched = System.nanoTime();
            return new Child(builder.start(), "http://127.0.0.1:" + port, apiKey, launched);
        }

        double secondsToReady() throws InterruptedException, IOException {
            try (HubHttp http = new HubHttp(baseUrl, apiKey)) {
                long deadline = launchedNanos + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the hub process exited with " + process.exitValue()
                                + " before it was ready");
                    }
                    if (http.readyz() == 200) {
                        return (System.nanoTime() - launchedNanos) / 1e9;
                    }
                    Thread.sleep(5);
                }
                throw new IllegalStateException("the hub was not ready within 60 s");
            }
        }

        String baseUrl() {
            return baseUrl;
        }

        String apiKey() {
            return apiKey;
        }

        /** User + system CPU time of the process so far (clock ticks of 10 ms on Linux). */
        double cpuSeconds() {
            try {
                String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
            } catch (IOException | RuntimeException gone) {
                return 0;
            }
        }

        /** The java the process runs (bin/hub picks one): what {@code /proc/<pid>/exe} points at. */
        String javaBinary() {
            try {
                return Files.readSymbolicLink(Path.of("/proc/" + process.pid() + "/exe")).toString();
            } catch (IOException | RuntimeException unknown) {
                return "an unknown java";
            }
        }

        long rssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended or /proc is not there; no sample
            }
            return 0;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

}
