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
 * the caller's thread. The third line is the JDK client with an inline executor, the smaller fix
 * we measured first.
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
        for (int threads : new int[] {1, 64}) {
            LoadResult apache;
            LoadResult jdk;
            LoadResult inline;
            try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake);
                    CloseableHttpClient client = HttpClients.custom().setConnectionManager(
                            PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(64).setMaxConnTotal(64)
                                    .build()).build()) {
                String token = fake.addServer("Bench").serverToken();
                URI uri = URI.create(fake.baseUri() + "/email");
                apache = LoadDriver.run("Apache HttpClient 5 (pool of 64)", threads, settings.warmup(), settings.measure(), thread -> {
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
                });
                jdk = jdk("JDK HttpClient", threads, settings, uri, token, HttpClient.newBuilder());
                inline = jdk("JDK HttpClient, inline executor", threads, settings, uri, token,
                        HttpClient.newBuilder().executor(Runnable::run));
            }
            figures.add(new Figure(SCENARIO, "bare POST /email throughput, concurrency " + threads + ": old vs new transport",
                    jdk.name(), jdk.throughput(), apache.name(), apache.throughput(), "ops/s", "(diagnosis)", null, jdk.ops(),
                    apache.ops(), Figure.errorsNote(jdk, apache)));
            figures.add(new Figure(SCENARIO, "bare POST /email throughput, concurrency " + threads + ": JDK client, inline executor",
                    jdk.name(), jdk.throughput(), inline.name(), inline.throughput(), "ops/s", "(diagnosis)", null,
                    jdk.ops(), inline.ops(), Figure.errorsNote(jdk, inline)));
        }
        return figures;
    }

    private static LoadResult jdk(String name, int threads, BenchSettings settings, URI uri, String token,
            HttpClient.Builder builder) {
        HttpClient client = builder.version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("X-Postmark-Server-Token", token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build();
        return LoadDriver.run(name, threads, settings.warmup(), settings.measure(), thread -> {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the fake answered " + response.statusCode());
            }
        });
    }
}
