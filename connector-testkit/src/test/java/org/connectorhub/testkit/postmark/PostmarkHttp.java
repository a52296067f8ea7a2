package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small raw-HTTP client for the fake's tests: headers exactly as given, JSON parsed. */
final class PostmarkHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Reply(int status, JsonNode json, String body, HttpResponse<String> raw) {
        int errorCode() {
            return json.path("ErrorCode").asInt(-1);
        }

        String message() {
            return json.path("Message").asText("");
        }
    }

    private final URI base;

    PostmarkHttp(URI base) {
        this.base = base;
    }

    Reply server(String method, String path, String token, String body) {
        return send(method, path, body, Map.of("X-Postmark-Server-Token", token, "Accept", "application/json",
                "Content-Type", "application/json"));
    }

    Reply account(String method, String path, String token, String body) {
        return send(method, path, body, Map.of("X-Postmark-Account-Token", token, "Accept", "application/json",
                "Content-Type", "application/json"));
    }

    Reply send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json, response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
