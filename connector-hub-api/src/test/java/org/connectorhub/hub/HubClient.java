package org.connectorhub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Talks to the hub over real HTTP and keeps every response (status, headers, body) for leak checks. */
public final class HubClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Response> responses = new ArrayList<>();

    /** One response: status, headers, raw body and the body parsed as JSON (missing when it is not JSON). */
    public record Response(String request, int status, Map<String, List<String>> headers, String body, JsonNode json) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        public String code() {
            return json.path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public HubClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String path, String bearer) {
        return send(request(path, bearer).GET().build());
    }

    public Response delete(String path, String bearer) {
        return send(request(path, bearer).DELETE().build());
    }

    public Response post(String path, String bearer, Object body) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    public Response post(String path, String bearer, Object body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body)));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public Response patch(String path, String bearer, Object body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, bearer).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json(body)));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public Response put(String path, String bearer, Object body) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    /** Anything else: raw bodies, odd headers. */
    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = MissingNode.getInstance();
            }
            Response kept = new Response(request.method() + " " + request.uri().getPath(), response.statusCode(), new LinkedHashMap<>(response.headers().map()),
                    response.body(), json);
            synchronized (responses) {
                responses.add(kept);
            }
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    /** Every response so far, headers and body, as one text. */
    public String everything() {
        return everythingExcept(r -> false);
    }

    /** The responses that do not match, headers and body, as one text. */
    public String everythingExcept(java.util.function.Predicate<Response> left) {
        StringBuilder out = new StringBuilder();
        synchronized (responses) {
            for (Response response : responses) {
                if (left.test(response)) {
                    continue;
                }
                out.append(response.status()).append(' ').append(response.headers()).append('\n')
                        .append(response.body()).append('\n');
            }
        }
        return out.toString();
    }

    public static String json(Object body) {
        if (body instanceof String raw) {
            return raw;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
