package org.connectorhub.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.connectorhub.hub.ApiKeys;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Scenario 5: the hub as a separate process, started as {@code bin/hub serve} starts it (the
 * shaded jar when it is built, else the same classes from this JVM's class path), with default JVM
 * flags and a fresh data directory (master key, keyset and migrations are created at start).
 * Time from launching the process to {@code /readyz} answering 200, against a bare JVM's start
 * ({@code java -version}); then resident memory (VmRSS) idle and under scenario 2's load.
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
        List<String> launcher = launcher();
        String how = launcher.contains("-jar") ? "shaded jar" : "class path (no shaded jar built)";
        double[] jvm = new double[settings.startups()];
        double[][] hub = new double[2][settings.startups()];
        List<Figure> figures = new ArrayList<>();
        try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake)) {
            Figure memory = null;
            for (int i = 0; i < settings.startups(); i++) {
                jvm[i] = bareJvmSeconds();
                try (Child child = Child.start(launcher, List.of(), fake, settings)) {
                    hub[0][i] = child.secondsToReady();
                    hub[1][i] = child.cpuSeconds();
                    if (i == settings.startups() - 1) {
                        memory = underLoad(settings, child, fake);
                    }
                }
            }
            double hubMedian = median(hub[0]);
            figures.add(new Figure(SCENARIO, "start to /readyz 200 (median of " + jvm.length + ")", "bare JVM (java -version)",
                    median(jvm), "hub serve", hubMedian, "s", String.format("<= %.1f s", TARGET_START_SECONDS),
                    hubMedian <= TARGET_START_SECONDS, jvm.length, jvm.length,
                    String.format("Launched from the %s, fresh data dir, default JVM flags; all: %s s; CPU time used by then: %s s.",
                            how, Arrays.toString(round(hub[0])), Arrays.toString(round(hub[1])))));
            figures.add(memory);
            if (!settings.smoke()) {
                figures.add(withClassDataSharing(settings, launcher, fake, hubMedian));
            }
        }
        return figures;
    }

    /**
     * The fix we propose for start-up time: an AppCDS archive of the hub's classes (JDK 17:
     * {@code -XX:ArchiveClassesAtExit} on a training run, then {@code -XX:SharedArchiveFile}).
     * Baseline here is the default start measured above.
     */
    private static Figure withClassDataSharing(BenchSettings settings, List<String> launcher, FakePostmark fake,
            double defaultMedian) throws Exception {
        Path archive = settings.workDir().resolve("hub-appcds.jsa");
        try (Child training = Child.start(launcher, List.of("-XX:ArchiveClassesAtExit=" + archive), fake, settings)) {
            training.secondsToReady();
            FakePostmark.Server server = fake.addServer("Training");
            HubHttp http = new HubHttp(training.baseUrl(), training.apiKey());
            HttpRequest send = http.sendEmail(http.link("training-owner", server.serverToken()));
            for (int i = 0; i < 200; i++) {
                http.call(send);
            }
            // the archive is written as the JVM exits: give it time, a killed JVM writes none
            training.stop(Duration.ofSeconds(120));
        }
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the training run wrote no AppCDS archive");
        }
        double[] ready = new double[settings.startups()];
        double[] cpu = new double[settings.startups()];
        for (int i = 0; i < ready.length; i++) {
            try (Child child = Child.start(launcher, List.of("-XX:SharedArchiveFile=" + archive), fake, settings)) {
                ready[i] = child.secondsToReady();
                cpu[i] = child.cpuSeconds();
            }
        }
        double median = median(ready);
        return new Figure(SCENARIO, "start to /readyz 200 with an AppCDS archive (proposed)", "hub serve, default", defaultMedian,
                "hub serve + AppCDS", median, "s", String.format("<= %.1f s", TARGET_START_SECONDS), median <= TARGET_START_SECONDS,
                ready.length, ready.length, String.format("all: %s s; CPU time used by then: %s s; archive %,d MB.",
                        Arrays.toString(round(ready)), Arrays.toString(round(cpu)), Files.size(archive) / (1024 * 1024)));
    }

    private static Figure underLoad(BenchSettings settings, Child child, FakePostmark fake) throws Exception {
        FakePostmark.Server server = fake.addServer("Bench");
        HubHttp http = new HubHttp(child.baseUrl(), child.apiKey());
        HttpRequest send = http.sendEmail(http.link("bench-owner", server.serverToken()));
        long idleKb = child.rssKb();
        AtomicLong peakKb = new AtomicLong(idleKb);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakKb.accumulateAndGet(child.rssKb(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        LoadResult load;
        try {
            load = LoadDriver.run("hub under load", HubOverheadScenario.THREADS, settings.warmup(), settings.measure(),
                    thread -> http.call(send));
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        peakKb.accumulateAndGet(child.rssKb(), Math::max);
        double idleMb = idleKb / 1024.0;
        double peakMb = peakKb.get() / 1024.0;
        return new Figure(SCENARIO, "resident memory (VmRSS), peak under load at concurrency " + HubOverheadScenario.THREADS,
                "hub idle after start", idleMb, "hub under load", peakMb, "MB", String.format("<= %.0f MB", TARGET_RSS_MB),
                peakMb <= TARGET_RSS_MB, 1, load.ops(),
                String.format("%,.0f send_email/s through the hub process during the sample.", load.throughput())
                        + (load.errors() > 0 ? " errors: " + load.errors() + " (" + load.firstError() + ")." : ""));
    }

    /** {@code java -jar connector-hub-api-*-all.jar} when bin/bench built it, else this JVM's class path. */
    static List<String> launcher() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Optional<Path> jar = shadedJar();
        if (jar.isPresent()) {
            return List.of(java, "-jar", jar.get().toString());
        }
        return List.of(java, "-cp", System.getProperty("java.class.path"), "org.connectorhub.hub.HubMain");
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

    /** A hub process of our own; closed by destroying exactly this process. */
    private static final class Child implements AutoCloseable {
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

        static Child start(List<String> launcher, List<String> jvmArgs, FakePostmark fake, BenchSettings settings) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path dataDir = Files.createTempDirectory(settings.workDir(), "footprint");
            String apiKey = ApiKeys.newApiKey();
            List<String> command = new ArrayList<>(launcher);
            command.addAll(1, jvmArgs);
            command.addAll(List.of("serve", "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--data-dir", dataDir.toString(), "--bootstrap-api-key", apiKey,
                    "--postmark-base-url", fake.baseUri().toString(), "--connector", "postmark.max_attempts=1"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("hub.log").toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("HUB_") || name.startsWith("JAVA_TOOL"));
            long launched = System.nanoTime();
            return new Child(builder.start(), "http://127.0.0.1:" + port, apiKey, launched);
        }

        double secondsToReady() throws InterruptedException {
            HubHttp http = new HubHttp(baseUrl, apiKey);
            long deadline = launchedNanos + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the hub process exited with " + process.exitValue() + " before it was ready");
                }
                if (http.readyz() == 200) {
                    return (System.nanoTime() - launchedNanos) / 1e9;
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("the hub was not ready within 60 s");
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

        /** Asks the hub to stop (SIGTERM) and waits for it to exit on its own. */
        void stop(Duration patience) throws InterruptedException {
            process.destroy();
            process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
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
