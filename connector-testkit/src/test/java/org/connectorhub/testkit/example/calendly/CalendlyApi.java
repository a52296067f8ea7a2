package org.connectorhub.testkit.example.calendly;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.spi.ConnectorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calendly's REST API over {@link HttpClient}: the bearer token on every call, explicit
 * timeouts, JSON in and out. GETs are retried on 5xx, 429 and read timeouts; a POST only when
 * Calendly said when to come back (429/503 with {@code Retry-After}), so a cancellation never
 * goes out twice by our doing. A GET whose connection fails or closes without an answer is not
 * retried here: the JDK's client already resends an idempotent request once in that case, and a
 * second layer of retries would send it 2 x max_attempts times. Outages come out as {@link ProviderUnavailableException}; any
 * other answer that is not 2xx as {@link CalendlyHttpException}. Nothing here logs a header.
 */
final class CalendlyApi {
    static final String DEFAULT_BASE_URL = "https://api.calendly.com";
    private static final Logger log = LoggerFactory.getLogger(CalendlyApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final HttpClient client;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final Duration maxRetryWait;

    CalendlyApi(URI baseUri, Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration maxRetryWait) {
        this.baseUri = requireNonNull(baseUri, "baseUri is null");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
        this.maxAttempts = Math.max(1, maxAttempts);
        this.maxRetryWait = requireNonNull(maxRetryWait, "maxRetryWait is null");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requireNonNull(connectTimeout, "connectTimeout is null"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static CalendlyApi from(ConnectorConfig config) {
        String base = config.get(ConnectorConfig.BASE_URL, DEFAULT_BASE_URL);
        return new CalendlyApi(URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base),
                config.millis(ConnectorConfig.CONNECT_TIMEOUT_MS, Duration.ofSeconds(5)),
                config.millis(ConnectorConfig.READ_TIMEOUT_MS, Duration.ofSeconds(30)),
                config.integer(ConnectorConfig.MAX_ATTEMPTS, 3),
                config.millis(ConnectorConfig.MAX_RETRY_WAIT_MS, Duration.ofSeconds(10)));
    }

    JsonNode get(String token, String pathAndQuery) {
        return call(token, "GET", pathAndQuery, Optional.empty());
    }

    JsonNode post(String token, String path, Object body) {
        try {
            return call(token, "POST", path, Optional.of(JSON.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body as JSON", e);
        }
    }

    private JsonNode call(String token, String method, String pathAndQuery, Optional<String> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + pathAndQuery))
                .timeout(readTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body.map(b -> HttpRequest.BodyPublishers.ofString(b, UTF_8))
                        .orElse(HttpRequest.BodyPublishers.noBody()))
                .build();
        boolean idempotent = method.equals("GET");
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= maxAttempts;
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
            } catch (IOException e) {
                log.debug("calendly {} {} attempt {} failed: {}", method, pathOf(pathAndQuery), attempt, e.getClass().getSimpleName());
                if (idempotent && !last && e instanceof HttpTimeoutException) {
                    continue;
                }
                throw new ProviderUnavailableException("Calendly could not be reached (" + e.getClass().getSimpleName() + ").",
                        Optional.empty(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderUnavailableException("Interrupted while waiting for Calendly.", Optional.empty(), e);
            }
            int status = response.statusCode();
            log.debug("calendly {} {} attempt {} -> {}", method, pathOf(pathAndQuery), attempt, status);
            if (status >= 200 && status < 300) {
                return parse(response.body(), status);
            }
            if (status == 429 || status >= 500) {
                Optional<Duration> retryAfter = retryAfter(response);
                boolean mayRetry = idempotent || (retryAfter.isPresent() && (status == 429 || status == 503));
                if (!last && mayRetry && retryAfter.map(w -> w.compareTo(maxRetryWait) <= 0).orElse(true)) {
                    retryAfter.ifPresent(CalendlyApi::waitFor);
                    continue;
                }
                throw new ProviderUnavailableException("Calendly answered " + status + ".", retryAfter);
            }
            throw CalendlyHttpException.from(status, parseError(response.body()));
        }
    }

    private static JsonNode parse(String body, int status) {
        if (status == 204 || body.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // The message of a parse error quotes the body; keep it out of ours.
            throw new ProviderUnavailableException("Calendly answered with a body that is not JSON.", Optional.empty());
        }
    }

    private static JsonNode parseError(String body) {
        try {
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: treat as no hint
            }
        });
    }

    /** Waits as long as Calendly asked (bounded by max_retry_wait_ms before we get here). */
    private static void waitFor(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("Interrupted while waiting for Calendly.", Optional.of(wait));
        }
    }

    private static String pathOf(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }
}
