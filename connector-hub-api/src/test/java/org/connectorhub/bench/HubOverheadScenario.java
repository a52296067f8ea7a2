package org.connectorhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Scenario 2: {@code POST /v1/accounts/{id}/actions/send_email} through a hub over loopback HTTP
 * (API key check, account load, credentials opened, schema check, adapter, JSON answer) vs the
 * same adapter called directly, against one fake. Throughput at concurrency 64; the added latency
 * at concurrency 1 (the hub's own cost) and at 64 (cost plus queueing on a shared CPU). Both sides
 * are warmed up, then measured in alternating slices ({@link LoadDriver#compare}).
 */
final class HubOverheadScenario implements Scenario {
    static final int THREADS = 64;
    static final double TARGET_RATIO = 0.7;
    static final double TARGET_ADDED_P50_MS = 0.5;
    static final double TARGET_ADDED_P99_MS = 3.0;
    private static final String SCENARIO = "2. hub overhead";

    @Override
    public String key() {
        return "hub";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        String apiKey = ApiKeys.newApiKey();
        Path dataDir = Files.createTempDirectory(settings.workDir(), "hub-overhead");
        List<Figure> figures = new ArrayList<>();
        try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake);
                TestHub hub = TestHub.start(TestHub.config(fake, dataDir, apiKey)
                        .connector("postmark", "read_timeout_ms", "10000").build());
                HubHttp http = new HubHttp(hub.client().baseUrl(), apiKey)) {
            FakePostmark.Server server = fake.addServer("Bench");
            HubHttp.Request send = http.sendEmail(http.link("bench-owner", server.serverToken()));
            Connector connector = BenchPostmark.adapter(fake.baseUri());
            try {
                ConnectorAction action = BenchPostmark.sendEmail(connector);
                ActionRequest request = BenchPostmark.sendRequest(server);
                for (int threads : new int[] {1, THREADS}) {
                    LoadResult[] pair = LoadDriver.compare(threads, settings.warmup(), settings.measure(),
                            settings.smoke() ? 2 : 6, "adapter direct", thread -> action.execute(request),
                            "through the hub", thread -> http.call(send));
                    LoadResult direct = pair[0];
                    LoadResult viaHub = pair[1];
                    if (threads == THREADS) {
                        figures.add(Figure.throughput(SCENARIO, "send_email throughput, concurrency " + threads,
                                direct, viaHub, TARGET_RATIO));
                    }
                    figures.add(added("p50", threads, direct, viaHub, direct.p50Micros(), viaHub.p50Micros(), TARGET_ADDED_P50_MS));
                    figures.add(added("p99", threads, direct, viaHub, direct.p99Micros(), viaHub.p99Micros(), TARGET_ADDED_P99_MS));
                }
                figures.addAll(floor(settings, action, request, http, send));
            } finally {
                connector.close();
            }
        }
        return figures;
    }

    /**
     * Diagnosis: the floor of any hub that sits behind HTTP. A bare Javalin route (same server,
     * same JSON library, no authentication, no database, no schema check, no access log) that reads
     * the body and calls the same adapter, at concurrency 64: direct vs this floor shows what the
     * extra HTTP hop alone costs on this machine, and the floor vs the hub what our own work adds.
     */
    private static List<Figure> floor(BenchSettings settings, ConnectorAction action, ActionRequest request, HubHttp hub,
            HubHttp.Request send) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Javalin bare = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.routes.post("/v1/accounts/{id}/actions/send_email", ctx -> {
                ctx.bodyAsBytes();
                ctx.contentType("application/json").result(json.writeValueAsBytes(Map.of("data", action.execute(request))));
            });
        }).start("127.0.0.1", 0);
        try (HubHttp floorHttp = new HubHttp("http://127.0.0.1:" + bare.port(), "unused")) {
            int slices = settings.smoke() ? 2 : 6;
            LoadResult[] hop = LoadDriver.compare(THREADS, settings.warmup(), settings.measure(), slices,
                    "adapter direct", thread -> action.execute(request), "bare Javalin route", thread -> floorHttp.call(send));
            LoadResult[] ours = LoadDriver.compare(THREADS, settings.warmup(), settings.measure(), slices,
                    "bare Javalin route", thread -> floorHttp.call(send), "through the hub", thread -> hub.call(send));
            LoadResult[] single = LoadDriver.compare(1, settings.warmup(), settings.measure(), slices,
                    "adapter direct", thread -> action.execute(request), "bare Javalin route", thread -> floorHttp.call(send));
            return List.of(
                    new Figure(SCENARIO, "send_email latency p50, concurrency 1: the HTTP hop alone", single[0].name(),
                            single[0].p50Micros() / 1000, single[1].name(), single[1].p50Micros() / 1000, "ms", "(diagnosis)",
                            null, single[0].ops(), single[1].ops(), String.format("added %.2f ms; p99 %.3f vs %.3f ms.",
                                    (single[1].p50Micros() - single[0].p50Micros()) / 1000, single[0].p99Micros() / 1000,
                                    single[1].p99Micros() / 1000)),
                    new Figure(SCENARIO, "send_email throughput, concurrency " + THREADS + ": the HTTP hop alone",
                            hop[0].name(), hop[0].throughput(), hop[1].name(), hop[1].throughput(), "ops/s", "(diagnosis)",
                            null, hop[0].ops(), hop[1].ops(), Figure.errorsNote(hop[0], hop[1])),
                    new Figure(SCENARIO, "send_email throughput, concurrency " + THREADS + ": our work on top of the hop",
                            ours[0].name(), ours[0].throughput(), ours[1].name(), ours[1].throughput(), "ops/s", "(diagnosis)",
                            null, ours[0].ops(), ours[1].ops(), String.format("p50 %.2f vs %.2f ms. ",
                                    ours[0].p50Micros() / 1000, ours[1].p50Micros() / 1000) + Figure.errorsNote(ours[0], ours[1])));
        } finally {
            bare.stop();
        }
    }

    private static Figure added(String percentile, int threads, LoadResult direct, LoadResult viaHub, double directMicros,
            double hubMicros, double targetMs) {
        double addedMs = (hubMicros - directMicros) / 1000;
        return new Figure(SCENARIO, "send_email latency " + percentile + ", concurrency " + threads, direct.name(),
                directMicros / 1000, viaHub.name(), hubMicros / 1000, "ms",
                String.format("added <= %.1f ms", targetMs), addedMs <= targetMs, direct.ops(), viaHub.ops(),
                String.format("added %.2f ms.", addedMs) + Figure.errorsNote(direct, viaHub));
    }
}
