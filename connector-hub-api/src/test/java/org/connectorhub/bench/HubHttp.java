package org.connectorhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * The platform's side of the hub's HTTP API, as the load driver uses it: link once, then send.
 * Apache HttpClient 5 classic with a pool of 64 connections: it answers on the caller's thread, so
 * the driver's own client adds as little as it can to what is charged to the hub (the JDK client
 * hands every exchange across two more threads, see scenario 1b).
 */
final class HubHttp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A ready-made POST; immutable, so one instance serves every thread. */
    record Request(String path, byte[] body) {
    }

    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnPerRoute(128).setMaxConnTotal(128)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5)).build())
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(20)).build())
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableCookieManagement()
            .build();
    private final String baseUrl;
    private final String apiKey;

    HubHttp(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** Links a Postmark account with this server token; returns the account id. */
    String link(String owner, String serverToken) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("provider", "postmark", "origin_owner_id", owner,
                "credentials", Map.of("server_token", serverToken)));
        return http.execute(post(new Request("/v1/accounts", body)), response -> {
            String text = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (response.getCode() != 201) {
                throw new IllegalStateException("linking answered " + response.getCode());
            }
            return JSON.readTree(text).path("id").asText();
        });
    }

    /** A ready-made send_email request for the account. */
    Request sendEmail(String accountId) throws IOException {
        return new Request("/v1/accounts/" + accountId + "/actions/send_email",
                JSON.writeValueAsBytes(BenchPostmark.emailInput()));
    }

    /** Sends and checks the answer is a 200 carrying a message id. */
    void call(Request request) throws IOException {
        http.execute(post(request), response -> {
            String text = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            check(response, text);
            return null;
        });
    }

    /** Posts and checks only for a 200 (the nginx hop answers Postmark's shape, not the hub's). */
    void post200(Request request) throws IOException {
        http.execute(post(request), response -> {
            EntityUtils.consume(response.getEntity());
            if (response.getCode() != 200) {
                throw new IllegalStateException(request.path() + " answered " + response.getCode());
            }
            return null;
        });
    }

    private static void check(ClassicHttpResponse response, String body) throws IOException {
        if (response.getCode() != 200) {
            throw new IllegalStateException("send_email through the hub answered " + response.getCode());
        }
        if (!body.contains("message_id")) {
            JsonNode json = JSON.readTree(body);
            throw new IllegalStateException("send_email through the hub answered no message id: " + json.fieldNames().next());
        }
    }

    /** The sum of a sample's values on the hub's {@code /metrics}, over the label sets holding every fragment. */
    double metric(String name, String... labelFragments) throws IOException {
        return http.execute(new HttpGet(baseUrl + "/metrics"), response -> {
            String text = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            double sum = 0;
            for (String line : text.split("\n")) {
                if ((line.startsWith(name + " ") || line.startsWith(name + "{"))
                        && java.util.Arrays.stream(labelFragments).allMatch(line::contains)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        });
    }

    int readyz() {
        HttpGet get = new HttpGet(baseUrl + "/readyz");
        get.setConfig(RequestConfig.custom().setResponseTimeout(2, TimeUnit.SECONDS).build());
        try {
            return http.execute(get, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException e) {
            return -1;
        }
    }

    private HttpPost post(Request request) {
        HttpPost post = new HttpPost(baseUrl + request.path());
        post.setHeader("Authorization", "Bearer " + apiKey);
        post.setEntity(new ByteArrayEntity(request.body(), ContentType.APPLICATION_JSON));
        return post;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
