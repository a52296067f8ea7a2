package org.connectorhub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Scenario 1c: send_email through our adapter with the calls spread round-robin over 1,000 and
 * 10,000 accounts, each with its own server token, against the same calls from one account, in
 * alternating slices of the same run (see {@link LoadDriver#compare}), at concurrency 1 and 16.
 * A connector that keeps something per token (a client, a cache entry) pays for it here; one that
 * passes the token per call costs the same whatever the number of accounts. Target: throughput
 * within 1.2x of one account's.
 */
final class ManyAccountsScenario implements Scenario {
    static final int[] ACCOUNTS = {1_000, 10_000};
    static final int[] CONCURRENCY = {1, 16};
    /** Smoke mode (run by the test suite): one pairing, to show the scenario works, not to measure. */
    static final int[] SMOKE_ACCOUNTS = {1_000};
    static final int[] SMOKE_CONCURRENCY = {4};
    static final double MIN_RATIO = 1 / 1.2;
    private static final String SCENARIO = "1c. many accounts";

    @Override
    public String key() {
        return "accounts";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        List<Figure> figures = new ArrayList<>();
        for (int accounts : settings.smoke() ? SMOKE_ACCOUNTS : ACCOUNTS) {
            for (int threads : settings.smoke() ? SMOKE_CONCURRENCY : CONCURRENCY) {
                try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake)) {
                    ActionRequest[] requests = new ActionRequest[accounts];
                    for (int i = 0; i < accounts; i++) {
                        requests[i] = BenchPostmark.sendRequest(fake.addServer("Account " + i));
                    }
                    Connector connector = BenchPostmark.adapter(fake.baseUri());
                    try {
                        ConnectorAction send = BenchPostmark.sendEmail(connector);
                        AtomicInteger next = new AtomicInteger();
                        LoadResult[] pair = LoadDriver.compare(threads, settings.warmup(), settings.measure(),
                                settings.smoke() ? 2 : 6, "1 account", thread -> check(send.execute(requests[0])),
                                String.format("%,d accounts", accounts), thread -> check(send.execute(
                                        requests[Math.floorMod(next.getAndIncrement(), accounts)])));
                        LoadResult one = pair[0];
                        LoadResult many = pair[1];
                        String where = String.format("%,d accounts, concurrency %d", accounts, threads);
                        figures.add(Figure.throughput(SCENARIO, "send_email throughput, " + where, one, many, MIN_RATIO)
                                .withNote("target: within 1.2x of one account's."));
                        figures.add(new Figure(SCENARIO, "send_email latency p99, " + where, one.name(),
                                one.p99Micros() / 1000, many.name(), many.p99Micros() / 1000, "ms", "(reported)", null,
                                one.ops(), many.ops(), String.format("p50 %.3f vs %.3f ms.", one.p50Micros() / 1000,
                                        many.p50Micros() / 1000)));
                        figures.add(new Figure(SCENARIO, "caller-thread CPU per call, " + where, one.name(),
                                one.callerCpuMicrosPerCall(), many.name(), many.callerCpuMicrosPerCall(), "us",
                                "(diagnosis)", null, one.ops(), many.ops(), "lower is better."));
                    } finally {
                        connector.close();
                    }
                }
            }
        }
        return figures;
    }

    private static void check(Object answer) {
        if (!(answer instanceof Map<?, ?> map) || !map.containsKey("message_id")) {
            throw new IllegalStateException("send_email answered without a message id");
        }
    }
}
