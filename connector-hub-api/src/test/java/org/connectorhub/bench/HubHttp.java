package org.connectorhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The platform's side of the hub's HTTP API, as the load driver uses it: link once, then send. */
final class HubHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String apiKey;

    HubHttp(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** Links a Postmark account with this server token; returns the account id. */
    String link(String owner, String serverToken) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("provider", "postmark", "origin_owner_id", owner,
                "credentials", Map.of("server_token", serverToken)));
        HttpResponse<String> response = http.send(post("/v1/accounts", body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("linking answered " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    /** A ready-made send_email request for the account; requests are immutable and reusable. */
    HttpRequest sendEmail(String accountId) throws IOException {
        return post("/v1/accounts/" + accountId + "/actions/send_email", JSON.writeValueAsString(BenchPostmark.emailInput()));
    }

    /** Sends and checks the answer is a 200 carrying a message id. */
    void call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("send_email through the hub answered " + response.statusCode());
        }
        if (!response.body().contains("message_id")) {
            JsonNode json = JSON.readTree(response.body());
            throw new IllegalStateException("send_email through the hub answered no message id: " + json.fieldNames().next());
        }
    }

    int readyz() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/readyz")).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
