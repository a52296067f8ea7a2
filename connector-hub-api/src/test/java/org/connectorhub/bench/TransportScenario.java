package org.connectorhub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Diagnosis for scenario 1, not a target: why the adapter moved from the JDK {@link HttpClient} to
 * Apache HttpClient 5 classic. The bare transports post the same prepared /email body to the fake,
 * with no JSON mapping. The JDK client's blocking {@code send} hands each exchange between the
 * caller, the selector thread and a worker pool; Apache's classic client (the official client's
 * transport, and now ours, pooled as {@code PostmarkHttpTransport} pools it) reads the answer on
 * the caller's thread. At concurrency 64 a second line shows how much of the gain is the pool's
 * size: the official client keeps Apache's default of 5 connections per host. Both lines run
 * their two sides in alternating slices ({@link LoadDriver#compare}).
 */
final class TransportScenario implements Scenario {
    private static final String SCENARIO = "1b. transport (diagnosis)";
    private static final String BODY = "{\"From\":\"sender@example.com\",\"To\":\"receiver@example.com\","
            + "\"Subject\":\"Benchmark\",\"TextBody\":\"Hello from the benchmark\"}";

    @Override
    public String key() {
        return "transport";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        List<Figure> figures = new ArrayList<>();
        int slices = settings.smoke() ? 2 : 6;
        for (int threads : new int[] {1, 64}) {
            try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake);
                    CloseableHttpClient pool64 = apache(64); CloseableHttpClient pool5 = apache(5)) {
                String token = fake.addServer("Bench").serverToken();
                URI uri = URI.create(fake.baseUri() + "/email");
                HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(2)).build();
                LoadResult[] oldNew = LoadDriver.compare(threads, settings.warmup(), settings.measure(), slices,
                        "JDK HttpClient", thread -> jdkPost(jdk, uri, token),
                        "Apache HttpClient 5, pool of 64", thread -> apachePost(pool64, uri, token));
                figures.add(new Figure(SCENARIO, "bare POST /email throughput, concurrency " + threads + ": old vs new transport",
                        oldNew[0].name(), oldNew[0].throughput(), oldNew[1].name(), oldNew[1].throughput(), "ops/s",
                        "(diagnosis)", null, oldNew[0].ops(), oldNew[1].ops(), Figure.errorsNote(oldNew[0], oldNew[1])));
                if (threads > 5) {
                    // the official client keeps Apache's default of 5 connections per host
                    LoadResult[] pools = LoadDriver.compare(threads, settings.warmup(), settings.measure(), slices,
                            "Apache HttpClient 5, pool of 5", thread -> apachePost(pool5, uri, token),
                            "Apache HttpClient 5, pool of 64", thread -> apachePost(pool64, uri, token));
                    figures.add(new Figure(SCENARIO, "bare POST /email throughput, concurrency " + threads
                            + ": pool of 5 vs 64", pools[0].name(), pools[0].throughput(), pools[1].name(),
                            pools[1].throughput(), "ops/s", "(diagnosis)", null, pools[0].ops(), pools[1].ops(),
                            Figure.errorsNote(pools[0], pools[1])));
                }
            }
        }
        return figures;
    }

    private static CloseableHttpClient apache(int connections) {
        return HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(connections).setMaxConnTotal(connections).build()).build();
    }

    private static void apachePost(CloseableHttpClient client, URI uri, String token) throws Exception {
        HttpPost post = new HttpPost(uri);
        post.setHeader("X-Postmark-Server-Token", token);
        post.setHeader("Accept", "application/json");
        post.setEntity(new StringEntity(BODY, ContentType.APPLICATION_JSON));
        client.execute(post, response -> {
            EntityUtils.consume(response.getEntity());
            if (response.getCode() != 200) {
                throw new IllegalStateException("the fake answered " + response.getCode());
            }
            return null;
        });
    }

    private static void jdkPost(HttpClient client, URI uri, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("X-Postmark-Server-Token", token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the fake answered " + response.statusCode());
        }
    }
}
