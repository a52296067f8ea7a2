package org.connectorhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.hub.ApiKeys;
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
            } finally {
                connector.close();
            }
        }
        return figures;
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
