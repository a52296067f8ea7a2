package org.connectorhub.postmark;

import feign.Request;
import feign.RetryableException;
import java.time.Duration;
import java.util.Optional;

/**
 * Postmark answered 429 or 5xx: worth another try. Carries the {@code Retry-After} Postmark
 * sent, so the retryer can honour it and, when it gives up, the caller can pass it on.
 */
final class PostmarkRetryableException extends RetryableException {
    private static final long serialVersionUID = 1L;
    private final transient Optional<Duration> retryAfterDelay;

    PostmarkRetryableException(int status, Request request, Optional<Duration> retryAfterDelay) {
        // Our own message: Feign's would carry the response body.
        super(status, describe(status), request.httpMethod(), (Long) null, request);
        this.retryAfterDelay = retryAfterDelay;
    }

    Optional<Duration> retryAfterDelay() {
        return retryAfterDelay;
    }

    static String describe(int status) {
        return status == 429 ? "Postmark is rate-limiting requests (HTTP 429)."
                : "Postmark is unavailable (HTTP " + status + ").";
    }
}
