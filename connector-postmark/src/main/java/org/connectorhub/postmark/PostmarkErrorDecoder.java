package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.ProviderRejectedException;
import org.connectorhub.core.domain.ProviderResourceNotFoundException;
import org.connectorhub.core.domain.ProviderUnavailableException;

/**
 * Turns Postmark's error answers ({@code {"ErrorCode": n, "Message": "..."}} and the HTTP status)
 * into typed errors: 401 → {@link PostmarkUnauthorizedException}, 404 → not found, 422 and other
 * 4xx → {@link ProviderRejectedException} carrying Postmark's code and message, 429/5xx →
 * {@link PostmarkRetryableException}. An error that is not Postmark's (an HTML page from a proxy,
 * garbage) is an outage, never a verdict on the token.
 */
final class PostmarkErrorDecoder implements ErrorDecoder {
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private final ObjectMapper mapper;

    PostmarkErrorDecoder(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Postmark's error body, when the answer has one. */
    record PostmarkError(int errorCode, String message) {
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        if (status == 429 || status >= 500 || status == 408) {
            return new PostmarkRetryableException(status, response.request(), retryAfter(response.headers()));
        }
        Optional<PostmarkError> error = readError(response);
        if (status == 401) {
            return error.<Exception>map(e -> new PostmarkUnauthorizedException(e.errorCode()))
                    .orElseGet(() -> new ProviderUnavailableException(
                            "Something other than Postmark answered 401 (no Postmark error body).", Optional.empty()));
        }
        if (error.isEmpty()) {
            return new ProviderUnavailableException("Postmark answered HTTP " + status + " with a body we cannot read.",
                    Optional.empty());
        }
        PostmarkError e = error.get();
        if (status == 404) {
            return new ProviderResourceNotFoundException("Postmark has no such resource: " + e.message());
        }
        return new ProviderRejectedException(e.errorCode(), e.message());
    }

    private Optional<PostmarkError> readError(Response response) {
        if (response.body() == null) {
            return Optional.empty();
        }
        try (InputStream in = response.body().asInputStream()) {
            JsonNode node = mapper.readTree(in.readNBytes(MAX_ERROR_BODY));
            if (node == null || !node.path("ErrorCode").isIntegralNumber() || !node.path("ErrorCode").canConvertToInt()) {
                return Optional.empty();
            }
            JsonNode message = node.path("Message");
            return Optional.of(new PostmarkError(node.path("ErrorCode").intValue(),
                    message.isTextual() ? message.textValue() : ""));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date; absent or unreadable is empty. */
    static Optional<Duration> retryAfter(Map<String, Collection<String>> headers) {
        for (Map.Entry<String, Collection<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase("Retry-After")) {
                return header.getValue().stream().findFirst().flatMap(PostmarkErrorDecoder::parseRetryAfter);
            }
        }
        return Optional.empty();
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
