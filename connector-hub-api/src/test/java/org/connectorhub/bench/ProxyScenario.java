package org.connectorhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Scenario 2b: the proxy's cost. A proxied {@code GET /server} and {@code POST /email} through the
 * hub over loopback HTTP vs the same request straight to the fake (same client), and the proxied
 * send vs the {@code send_email} action through the same hub, at concurrency 1 (the hub's own cost,
 * no queueing). Every pair is measured in alternating slices ({@link LoadDriver#compare}).
 */
final class ProxyScenario implements Scenario {
    static final double TARGET_VS_ACTION_MS = 0.1;
    static final double TARGET_ADDED_P50_MS = 0.5;
    private static final String SCENARIO = "2b. proxy overhead";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String key() {
        return "proxy";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        String apiKey = ApiKeys.newApiKey();
        Path dataDir = Files.createTempDirectory(settings.workDir(), "proxy-overhead");
        List<Figure> figures = new ArrayList<>();
        try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake);
                TestHub hub = TestHub.start(TestHub.config(fake, dataDir, apiKey)
                        .connector("postmark", "read_timeout_ms", "10000").build());
                HubHttp action = new HubHttp(hub.client().baseUrl(), apiKey);
                Raw raw = new Raw()) {
            FakePostmark.Server server = fake.addServer("Bench");
            String account = action.link("bench-owner", server.serverToken());
            HubHttp.Request send = action.sendEmail(account);
            String fakeBase = fake.baseUri().toString().replaceAll("/$", "");
            String proxyBase = hub.client().baseUrl() + "/v1/accounts/" + account + "/proxy";
            Map<String, String> token = Map.of(FakePostmark.SERVER_TOKEN_HEADER, server.serverToken());
            Map<String, String> key = Map.of("Authorization", "Bearer " + apiKey);
            Map<String, Object> email = new LinkedHashMap<>();
            email.put("From", BenchPostmark.FROM);
            email.put("To", BenchPostmark.TO);
            email.put("Subject", BenchPostmark.SUBJECT);
            email.put("TextBody", BenchPostmark.TEXT);
            byte[] emailBody = JSON.writeValueAsBytes(email);
            int slices = settings.smoke() ? 2 : 6;

            LoadResult[] get = LoadDriver.compare(1, settings.warmup(), settings.measure(), slices,
                    "direct to the fake", thread -> raw.get(fakeBase + "/server", token),
                    "through the proxy", thread -> raw.get(proxyBase + "/server", key));
            figures.add(added("GET /server", get[0], get[1]));
            LoadResult[] post = LoadDriver.compare(1, settings.warmup(), settings.measure(), slices,
                    "direct to the fake", thread -> raw.post(fakeBase + "/email", token, emailBody),
                    "through the proxy", thread -> raw.post(proxyBase + "/email", key, emailBody));
            figures.add(added("POST /email", post[0], post[1]));
            LoadResult[] viaAction = LoadDriver.compare(1, settings.warmup(), settings.measure(), slices,
                    "direct to the fake", thread -> raw.post(fakeBase + "/email", token, emailBody),
                    "send_email action", thread -> action.call(send));
            figures.add(added("POST /email", viaAction[0], viaAction[1]));
            LoadResult[] versus = LoadDriver.compare(1, settings.warmup(), settings.measure(), slices,
                    "send_email action", thread -> action.call(send),
                    "through the proxy", thread -> raw.post(proxyBase + "/email", key, emailBody));
            double deltaMs = (versus[1].p50Micros() - versus[0].p50Micros()) / 1000;
            figures.add(new Figure(SCENARIO, "send latency p50, concurrency 1: proxy vs action", versus[0].name(),
                    versus[0].p50Micros() / 1000, versus[1].name(), versus[1].p50Micros() / 1000, "ms",
                    String.format("within %.1f ms", TARGET_VS_ACTION_MS), deltaMs <= TARGET_VS_ACTION_MS,
                    versus[0].ops(), versus[1].ops(), String.format("proxy %+.3f ms; p99 %.3f vs %.3f ms.", deltaMs,
                            versus[0].p99Micros() / 1000, versus[1].p99Micros() / 1000)
                            + Figure.errorsNote(versus[0], versus[1])));
        }
        return figures;
    }

    private static Figure added(String call, LoadResult direct, LoadResult ours) {
        double addedMs = (ours.p50Micros() - direct.p50Micros()) / 1000;
        return new Figure(SCENARIO, call + " latency p50, concurrency 1: " + ours.name(), direct.name(),
                direct.p50Micros() / 1000, ours.name(), ours.p50Micros() / 1000, "ms",
                String.format("added <= %.1f ms", TARGET_ADDED_P50_MS), addedMs <= TARGET_ADDED_P50_MS, direct.ops(),
                ours.ops(), String.format("added %.3f ms; p99 %.3f vs %.3f ms.", addedMs, direct.p99Micros() / 1000,
                        ours.p99Micros() / 1000) + Figure.errorsNote(direct, ours));
    }

    /** The same client for every side: Apache HttpClient 5 classic, answers read on the caller's thread. */
    private static final class Raw implements AutoCloseable {
        private final CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(16).setMaxConnTotal(32).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(20)).build())
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .build();

        void get(String url, Map<String, String> headers) throws IOException {
            call(new HttpGet(url), headers);
        }

        void post(String url, Map<String, String> headers, byte[] body) throws IOException {
            HttpPost post = new HttpPost(url);
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            call(post, headers);
        }

        private void call(HttpUriRequestBase request, Map<String, String> headers) throws IOException {
            request.setHeader("Accept", "application/json");
            headers.forEach(request::setHeader);
            http.execute(request, response -> {
                String body = EntityUtils.toString(response.getEntity());
                if (response.getCode() != 200 || body.isEmpty()) {
                    throw new IllegalStateException(request.getMethod() + " answered " + response.getCode());
                }
                return null;
            });
        }

        @Override
        public void close() throws IOException {
            http.close();
        }
    }
}
