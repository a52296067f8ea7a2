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
 * Scenario 1: send_email through our Feign adapter (the connector's action, as the hub runs it)
 * vs the official client's {@code deliverMessage}, against the same fake, at concurrency 1, 16
 * and 64. Each side gets a fresh fake per run, one client shared by all threads (as an
 * application would hold one), and every answer is checked.
 */
final class AdapterVsOfficialScenario implements Scenario {
    static final int[] CONCURRENCY = {1, 16, 64};
    static final double TARGET_RATIO = 1.5;

    @Override
    public String key() {
        return "adapter";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        List<Figure> figures = new ArrayList<>();
        for (int threads : CONCURRENCY) {
            LoadResult official = official(settings, threads);
            LoadResult ours = ours(settings, threads);
            Figure figure = Figure.throughput("1. adapter vs official client", "send_email throughput, concurrency " + threads,
                    official, ours, TARGET_RATIO);
            figures.add(figure);
            figures.add(new Figure("1. adapter vs official client", "send_email latency p99, concurrency " + threads,
                    official.name(), official.p99Micros() / 1000, ours.name(), ours.p99Micros() / 1000, "ms", "(reported)",
                    null, official.ops(), ours.ops(), ""));
        }
        return figures;
    }

    private static LoadResult ours(BenchSettings settings, int threads) throws Exception {
        try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake)) {
            FakePostmark.Server server = fake.addServer("Bench");
            Connector connector = BenchPostmark.adapter(fake.baseUri());
            try {
                ConnectorAction send = BenchPostmark.sendEmail(connector);
                ActionRequest request = BenchPostmark.sendRequest(server);
                return LoadDriver.run("our adapter", threads, settings.warmup(), settings.measure(), thread -> {
                    Object answer = send.execute(request);
                    if (!(answer instanceof Map<?, ?> map) || !map.containsKey("message_id")) {
                        throw new IllegalStateException("send_email answered without a message id");
                    }
                });
            } finally {
                connector.close();
            }
        }
    }

    private static LoadResult official(BenchSettings settings, int threads) throws Exception {
        try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake)) {
            FakePostmark.Server server = fake.addServer("Bench");
            ApiClient client = BenchPostmark.official(fake, server.serverToken());
            return LoadDriver.run("official client", threads, settings.warmup(), settings.measure(), thread -> {
                MessageResponse response = client.deliverMessage(BenchPostmark.message());
                if (response.getErrorCode() != 0 || response.getMessageId() == null) {
                    throw new IllegalStateException("deliverMessage answered an error");
                }
            });
        }
    }
}
