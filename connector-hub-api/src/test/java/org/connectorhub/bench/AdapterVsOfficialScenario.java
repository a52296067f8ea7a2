package org.connectorhub.bench;

import com.postmarkapp.postmark.client.ApiClient;
import com.postmarkapp.postmark.client.data.model.message.MessageResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Scenario 1: send_email through our adapter (the connector's action, as the hub runs it: Feign
 * over Apache HttpClient 5 classic) vs the official client's {@code deliverMessage}, against the
 * same fake, at concurrency 1, 16 and 64. One client per side shared by all threads (as an
 * application would hold one), every answer checked, both sides warmed up and then measured in
 * alternating slices (see {@link LoadDriver#compare}). Also reports the CPU time the calling
 * threads spend per call: both clients do all their work on the caller's thread, so this is each
 * client's own cost, apart from the fake's share of the two cores.
 */
final class AdapterVsOfficialScenario implements Scenario {
    static final int[] CONCURRENCY = {1, 16, 64};
    static final double TARGET_RATIO = 1.5;
    private static final String SCENARIO = "1. adapter vs official client";

    @Override
    public String key() {
        return "adapter";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        List<Figure> figures = new ArrayList<>();
        for (int threads : CONCURRENCY) {
            try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake)) {
                FakePostmark.Server server = fake.addServer("Bench");
                ApiClient client = BenchPostmark.official(fake, server.serverToken());
                Connector connector = BenchPostmark.adapter(fake.baseUri());
                try {
                    ConnectorAction send = BenchPostmark.sendEmail(connector);
                    ActionRequest request = BenchPostmark.sendRequest(server);
                    ThreadCpu fakeCpu = ThreadCpu.fakeProviders();
                    LoadResult[] pair = LoadDriver.compare(threads, settings.warmup(), settings.measure(),
                            settings.smoke() ? 2 : 6, "official client", thread -> {
                                MessageResponse response = client.deliverMessage(BenchPostmark.message());
                                if (response.getErrorCode() != 0 || response.getMessageId() == null) {
                                    throw new IllegalStateException("deliverMessage answered an error");
                                }
                            }, "our adapter", thread -> {
                                Object answer = send.execute(request);
                                if (!(answer instanceof Map<?, ?> map) || !map.containsKey("message_id")) {
                                    throw new IllegalStateException("send_email answered without a message id");
                                }
                            });
                    long fakeNanos = fakeCpu.nanosSinceStart();
                    LoadResult official = pair[0];
                    LoadResult ours = pair[1];
                    long calls = official.ops() + ours.ops();
                    figures.add(Figure.throughput(SCENARIO, "send_email throughput, concurrency " + threads, official, ours,
                            TARGET_RATIO));
                    figures.add(new Figure(SCENARIO, "send_email latency p99, concurrency " + threads, official.name(),
                            official.p99Micros() / 1000, ours.name(), ours.p99Micros() / 1000, "ms", "(reported)", null,
                            official.ops(), ours.ops(), String.format("p50 %.3f vs %.3f ms.", official.p50Micros() / 1000,
                                    ours.p50Micros() / 1000)));
                    figures.add(new Figure(SCENARIO, "caller-thread CPU per call, concurrency " + threads, official.name(),
                            official.callerCpuMicrosPerCall(), ours.name(), ours.callerCpuMicrosPerCall(), "us",
                            "(diagnosis)", null, official.ops(), ours.ops(), "lower is better."));
                    if (fakeNanos >= 0 && calls > 0) {
                        // the fake shares the two cores: its cost per call caps the ratio any client can reach
                        double fakeMicros = fakeNanos / 1000.0 / calls;
                        double cap = (fakeMicros + official.callerCpuMicrosPerCall()) / fakeMicros;
                        figures.add(new Figure(SCENARIO, "fake Postmark CPU per call vs the official client's, concurrency "
                                + threads, "official client (caller threads)", official.callerCpuMicrosPerCall(),
                                "fake Postmark (server threads)", fakeMicros, "us", "(diagnosis)", null, official.ops(), calls,
                                String.format("when the CPU is the limit, a client that cost nothing would reach %.2fx the "
                                        + "official client's throughput.", cap)));
                    }
                } finally {
                    connector.close();
                }
            }
        }
        return figures;
    }
}
