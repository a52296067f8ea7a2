package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import feign.Request.HttpMethod;
import feign.RetryableException;
import feign.Retryer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries that can never send an email twice. Reads (GET) are retried on 429, 5xx and I/O
 * errors with exponential backoff, or after the {@code Retry-After} Postmark asked for. Writes
 * (POST, PUT, DELETE, PATCH) are retried only when Postmark answered 429 or 503 with a
 * {@code Retry-After}: then it has not processed the request. A timeout or dropped connection on
 * a write may mean Postmark did take it, so it is not retried. A wait longer than
 * {@code max_retry_wait_ms} gives up at once, and the caller sees the {@code Retry-After}.
 * Feign clones the retryer for every call, so the attempt count is per call.
 */
final class PostmarkRetryer implements Retryer {
    static final Duration BASE_BACKOFF = Duration.ofMillis(100);

    private final int maxAttempts;
    private final Duration maxWait;
    private int attempt = 1;

    PostmarkRetryer(int maxAttempts, Duration maxWait) {
        this.maxAttempts = maxAttempts;
        this.maxWait = requireNonNull(maxWait, "maxWait is null");
    }

    @Override
    public void continueOrPropagate(RetryableException e) {
        Optional<Duration> retryAfter = e instanceof PostmarkRetryableException p ? p.retryAfterDelay() : Optional.empty();
        if (!mayRetry(e.method(), e.status(), retryAfter.isPresent()) || attempt >= maxAttempts) {
            throw e;
        }
        Duration wait = retryAfter.orElseGet(this::backoff);
        if (wait.compareTo(maxWait) > 0) {
            throw e;
        }
        attempt++;
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** Whether Postmark cannot have acted on the request, or acting twice is harmless. */
    static boolean mayRetry(HttpMethod method, int status, boolean hasRetryAfter) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return true;
        }
        return (status == 429 || status == 503) && hasRetryAfter;
    }

    private Duration backoff() {
        long base = BASE_BACKOFF.toMillis() << Math.min(attempt - 1, 10);
        long jitter = ThreadLocalRandom.current().nextLong(base / 4 + 1);
        return Duration.ofMillis(Math.min(base + jitter, maxWait.toMillis()));
    }

    @Override
    public Retryer clone() {
        return new PostmarkRetryer(maxAttempts, maxWait);
    }
}
