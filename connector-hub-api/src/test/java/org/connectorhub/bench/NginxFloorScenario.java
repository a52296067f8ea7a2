package org.connectorhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.connectorhub.bench.FootprintScenario.Child;
import org.connectorhub.bench.FootprintScenario.Launch;
import org.connectorhub.hub.crypto.ApiKeys;

/**
 * Scenario 1d: the hub exactly as {@code bin/hub serve} runs it (the runnable jar, its heap, collector
 * and class-data archive; the class path in smoke mode), with nginx as a zero-cost Postmark, against
 * an nginx proxy hop in front of the same nginx, in the same run, at 32 connections. The hub is
 * loaded from its first request in back-to-back rounds: per round, throughput, p50, p99 and the hub
 * process's CPU per call ({@code /proc/<pid>/stat} over the round, divided by the calls completed),
 * against the hop's CPU per call. Then the same with calls spread round-robin over 1, 1,000 and
 * 10,000 accounts with distinct tokens (10 in smoke mode): throughput, p99 and peak RSS.
 */
final class NginxFloorScenario implements Scenario {
    static final int CONNECTIONS = 32;
    private static final String SCENARIO = "1d. hub vs nginx hop";
    private static final String ALLOCATED = "jvm_gc_memory_allocated_bytes_total";

    @Override
    public String key() {
        return "nginx";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        Optional<Path> binary = Nginx.binary();
        if (binary.isEmpty()) {
            return List.of(new Figure(SCENARIO, "not run: nginx is not installed (apt-get install nginx-light)",
                    "-", 0, "-", 0, "-", "(skipped)", null, 0, 0, ""));
        }
        BenchPostmark.quietLogs();
        Launch launch = settings.smoke() ? Launch.classPath() : Launch.binHub().orElseGet(Launch::classPath);
        if (!settings.smoke()) {
            launch.prime();
        }
        Duration round = settings.smoke() ? Duration.ofMillis(500) : Duration.ofSeconds(Integer.getInteger("bench.nginx.round.seconds", 8));
        int rounds = settings.smoke() ? 2 : Integer.getInteger("bench.nginx.rounds", 10);
        List<Figure> figures = new ArrayList<>();
        try (Nginx provider = Nginx.provider(binary.get(), settings.workDir());
                Nginx hop = Nginx.hop(binary.get(), settings.workDir(), provider.port())) {
            Load load = new Load(settings.smoke() ? Optional.empty() : Wrk.find(settings.workDir()));
            Hop floor = floor(load, hop, settings, round);
            figures.add(new Figure(SCENARIO, "the floor: nginx proxy hop, POST /email at concurrency " + CONNECTIONS,
                    "p50 (us)", floor.result().p50Micros(), "p99 (us)", floor.result().p99Micros(), "us", "(baseline)", null,
                    floor.result().ops(), floor.result().ops(), String.format("%,.0f calls/s; CPU per call of the hop %.1f us; load from %s.",
                            floor.result().throughput(), floor.cpuMicrosPerCall(), load.name())));
            figures.addAll(fromFirstRequest(load, launch, settings, provider, floor, round, rounds));
            figures.addAll(manyAccounts(load, launch, settings, provider, round));
        }
        return figures;
    }

    private record Hop(LoadResult result, double cpuMicrosPerCall) {
    }

    private static Hop floor(Load load, Nginx hop, BenchSettings settings, Duration round) throws Exception {
        try (HubHttp http = new HubHttp(hop.baseUrl(), "none")) {
            HubHttp.Request email = new HubHttp.Request("/email", Nginx.EMAIL_JSON.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            load.run("nginx hop warm-up", hop.baseUrl(), "", http, List.of(email), settings.warmup(), true);
            double before = hop.cpuSeconds();
            LoadResult result = load.run("nginx hop", hop.baseUrl(), "", http, List.of(email), round, true);
            double cpu = hop.cpuSeconds() - before;
            return new Hop(result, result.ops() == 0 ? 0 : cpu * 1e6 / result.ops());
        }
    }

    /**
     * Where the load comes from: wrk when it is installed (as issue 16 measured; a C client leaves the
     * two cores to the hub), else the benchmarks' Java driver in this JVM (costs the hub CPU).
     */
    private record Load(Optional<Wrk> wrk) {
        String name() {
            return wrk.isPresent() ? "wrk (2 threads)" : "the Java load driver in the benchmark JVM (wrk is not installed)";
        }

        LoadResult run(String name, String baseUrl, String apiKey, HubHttp http, List<HubHttp.Request> requests,
                Duration duration, boolean any200) throws Exception {
            if (wrk.isPresent() && duration.toSeconds() >= 1) {
                return wrk.get().run(name, baseUrl, apiKey, requests.stream().map(HubHttp.Request::path).toList(),
                        requests.get(0).body(), CONNECTIONS, duration);
            }
            AtomicLong next = new AtomicLong();
            int n = requests.size();
            return LoadDriver.run(name, CONNECTIONS, Duration.ZERO, duration, thread -> {
                HubHttp.Request request = requests.get((int) (next.getAndIncrement() % n));
                if (any200) {
                    http.post200(request);
                } else {
                    http.call(request);
                }
            });
        }
    }

    /** Rounds from the first request after start: how long the hub takes to cost what it costs warm. */
    private static List<Figure> fromFirstRequest(Load load, Launch launch, BenchSettings settings, Nginx provider, Hop floor,
            Duration round, int rounds) throws Exception {
        String apiKey = ApiKeys.newApiKey();
        Path dataDir = Files.createTempDirectory(settings.workDir(), "nginx-hub");
        List<Figure> figures = new ArrayList<>();
        try (Child hub = Child.start(launch, dataDir, apiKey, provider.baseUrl())) {
            double ready = hub.secondsToReady();
            try (HubHttp http = new HubHttp(hub.baseUrl(), apiKey)) {
                HubHttp.Request send = http.sendEmail(http.link("nginx-owner", java.util.UUID.randomUUID().toString()));
                double[] cpuPerCall = new double[rounds];
                double[] kbPerCall = new double[rounds];
                LoadResult[] results = new LoadResult[rounds];
                for (int i = 0; i < rounds; i++) {
                    double before = hub.cpuSeconds();
                    double allocatedBefore = allocated(http);
                    results[i] = load.run("hub round " + (i + 1), hub.baseUrl(), apiKey, http, List.of(send), round, false);
                    cpuPerCall[i] = results[i].ops() == 0 ? 0 : (hub.cpuSeconds() - before) * 1e6 / results[i].ops();
                    kbPerCall[i] = results[i].ops() == 0 ? 0 : (allocated(http) - allocatedBefore) / 1024 / results[i].ops();
                }
                double steady = Math.min(cpuPerCall[rounds - 1], rounds > 1 ? cpuPerCall[rounds - 2] : cpuPerCall[rounds - 1]);
                for (int i = 0; i < rounds; i++) {
                    LoadResult r = results[i];
                    boolean first = i == 0;
                    figures.add(new Figure(SCENARIO, String.format("round %d (%s to %s s of load), CPU per send_email", i + 1,
                            fmt(round.toMillis() * i / 1000.0), fmt(round.toMillis() * (i + 1) / 1000.0)),
                            "nginx hop", floor.cpuMicrosPerCall(), launch.name(), cpuPerCall[i], "us/call",
                            first ? "<= 1.5x steady" : i == rounds - 1 ? "<= 3x hop" : "(diagnosis)",
                            met(first, i == rounds - 1, cpuPerCall[i], steady, floor.cpuMicrosPerCall()),
                            floor.result().ops(), r.ops(), String.format("%,.0f calls/s, p50 %.2f ms, p99 %.2f ms (p99/p50 %.1f), %.1f KB allocated per call%s.",
                                    r.throughput(), r.p50Micros() / 1000, r.p99Micros() / 1000, r.p99Micros() / Math.max(1, r.p50Micros()),
                                    kbPerCall[i],
                                    r.errors() > 0 ? ", errors " + r.errors() + " (" + r.firstError() + ")" : "")));
                }
                LoadResult last = results[rounds - 1];
                double steadyKb = Math.min(kbPerCall[rounds - 1], rounds > 1 ? kbPerCall[rounds - 2] : kbPerCall[rounds - 1]);
                figures.add(new Figure(SCENARIO, "allocated per send_email at steady state (the hub's /metrics: bytes allocated between collections, plus eden's growth)",
                        "target", 10, "hub", steadyKb, "KB/call", "<= 10 KB", steadyKb <= 10, last.ops(), last.ops(),
                        "the collector's count at each collection plus the growth of eden since (so a round without a collection counts too)."));
                figures.add(new Figure(SCENARIO, "tail at steady state: p99 vs p50, send_email at concurrency " + CONNECTIONS,
                        "p50", last.p50Micros(), "p99", last.p99Micros(), "us", "ratio <= 5",
                        last.p99Micros() <= 5 * last.p50Micros(), last.ops(), last.ops(),
                        String.format("started in %.2f s (to /readyz) on %s; steady CPU per call %.1f us = %.1fx the hop's %.1f us.",
                                ready, hub.javaBinary(), steady, steady / Math.max(0.001, floor.cpuMicrosPerCall()), floor.cpuMicrosPerCall())));
            }
        }
        return figures;
    }

    /** One hub with its n accounts, kept up while the others are measured, and what its slices added up to. */
    private static final class Rotation implements AutoCloseable {
        final int accounts;
        final Child hub;
        final HubHttp http;
        final List<HubHttp.Request> spread = new ArrayList<>();
        final AtomicLong peakKb = new AtomicLong();
        final List<Double> p99s = new ArrayList<>();
        long ops;
        long errors;
        double seconds;
        String firstError = "";

        Rotation(int accounts, Child hub) {
            this.accounts = accounts;
            this.hub = hub;
            this.http = new HubHttp(hub.baseUrl(), hub.apiKey());
        }

        void add(LoadResult slice) {
            ops += slice.ops();
            errors += slice.errors();
            seconds += slice.seconds();
            p99s.add(slice.p99Micros());
            if (firstError.isEmpty()) {
                firstError = slice.firstError();
            }
        }

        double throughput() {
            return seconds == 0 ? 0 : ops / seconds;
        }

        /** The middle of the slices' p99s (the upper of two middles): percentiles of separate runs do not add up. */
        double p99Micros() {
            List<Double> sorted = p99s.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        }

        @Override
        public void close() throws Exception {
            try (Child closing = hub) {
                http.close();
            }
        }
    }

    /**
     * Calls spread round-robin over n accounts with distinct tokens. Every hub (one per n) is started,
     * linked and warmed up over its accounts first; then they are measured in alternating slices (the
     * order reversed every other slice), so a drift of the machine's speed reaches every n alike. Measured
     * one after the other, the one-account figure alone moved by 60% between runs (docs, stop 30).
     */
    private static List<Figure> manyAccounts(Load load, Launch launch, BenchSettings settings, Nginx provider, Duration round)
            throws Exception {
        // -Dbench.nginx.accounts=1,1000 for a shorter run (every hub stays up until all are measured)
        int[] sizes = settings.smoke() ? new int[] {1, 10}
                : java.util.Arrays.stream(System.getProperty("bench.nginx.accounts", "1,1000,10000").split(","))
                        .map(String::strip).mapToInt(Integer::parseInt).toArray();
        int slices = settings.smoke() ? 2 : 4;
        // each hub is measured as long as before (two rounds), in slices of half a round
        Duration slice = settings.smoke() ? round : round.dividedBy(2);
        List<Rotation> rotations = new ArrayList<>();
        try {
            for (int n : sizes) {
                String apiKey = ApiKeys.newApiKey();
                Path dataDir = Files.createTempDirectory(settings.workDir(), "nginx-accounts");
                // in the list from its start, so the finally below closes it whatever fails after
                Rotation rotation = new Rotation(n, Child.start(launch, dataDir, apiKey, provider.baseUrl()));
                rotations.add(rotation);
                rotation.hub.secondsToReady();
                for (int i = 0; i < n; i++) {
                    // nginx answers any token; each account still has its own, as on a real platform
                    rotation.spread.add(rotation.http.sendEmail(
                            rotation.http.link("owner-" + i, java.util.UUID.randomUUID().toString())));
                }
                load.run("warm-up over " + n, rotation.hub.baseUrl(), apiKey, rotation.http, rotation.spread,
                        settings.smoke() ? round : round.multipliedBy(4), false);
            }
            try (Periodic sampler = Periodic.every(Duration.ofMillis(100), "bench-rss-sampler", () -> rotations.forEach(
                    rotation -> rotation.peakKb.accumulateAndGet(rotation.hub.rssKb(), Math::max)))) {
                for (int k = 0; k < slices; k++) {
                    List<Rotation> order = new ArrayList<>(rotations);
                    if (k % 2 == 1) {
                        java.util.Collections.reverse(order);
                    }
                    for (Rotation rotation : order) {
                        rotation.add(load.run(rotation.accounts + " accounts, slice " + (k + 1), rotation.hub.baseUrl(),
                                rotation.hub.apiKey(), rotation.http, rotation.spread, slice, false));
                    }
                }
            }
        } finally {
            for (Rotation rotation : rotations) {
                rotation.close();
            }
        }
        Rotation one = rotations.get(0);
        String oneLabel = String.format(one.accounts == 1 ? "%,d account" : "%,d accounts", one.accounts);
        List<Figure> figures = new ArrayList<>();
        for (Rotation result : rotations) {
            boolean largest = result == rotations.get(rotations.size() - 1);
            int n = result.accounts;
            figures.add(new Figure(SCENARIO, String.format("send_email spread over %,d accounts with distinct tokens", n),
                    oneLabel, one.throughput(), n + " accounts", result.throughput(), "calls/s",
                    largest && n > 1 ? "ratio >= 0.83 (1.2x)" : "(diagnosis)",
                    largest && n > 1 ? result.throughput() >= one.throughput() / 1.2 : null, one.ops, result.ops,
                    String.format("%d alternating slices of %s s per hub; p99 %.2f ms (%s: %.2f ms), the middle of the"
                            + " slices' p99s; peak RSS %.0f MB (target <= 300 MB)%s.",
                            slices, fmt(slice.toMillis() / 1000.0), result.p99Micros() / 1000, oneLabel,
                            one.p99Micros() / 1000,
                            result.peakKb.get() / 1024.0,
                            result.errors > 0 ? "; errors " + result.errors + " (" + result.firstError + ")" : "")));
        }
        return figures;
    }

    /**
     * Bytes the hub has allocated so far: Micrometer's count, which grows at each young collection by
     * what eden held, plus what eden holds now (a short round may see no collection at all).
     */
    private static double allocated(HubHttp http) throws java.io.IOException {
        return http.metric(ALLOCATED) + http.metric("jvm_memory_used_bytes", "Eden Space\"");
    }

    /** The first round against the steady cost, the last against the hop; the rounds between are diagnosis. */
    private static Boolean met(boolean first, boolean last, double cpuPerCall, double steady, double hop) {
        if (first) {
            return cpuPerCall <= 1.5 * steady;
        }
        return last ? Boolean.valueOf(cpuPerCall <= 3 * hop) : null;
    }

    private static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.format("%.1f", seconds);
    }
}
