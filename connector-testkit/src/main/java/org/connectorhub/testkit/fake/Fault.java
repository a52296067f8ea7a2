package org.connectorhub.testkit.fake;

import java.time.Duration;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Something going wrong on purpose, added to a {@link FakeProviderServer} with {@link Faults}.
 * A fault answers in place of the route, except {@link Delay}, which waits and lets the
 * request go on (to the next fault or the route). {@link #times(int)} limits any fault to its
 * first n matching requests.
 */
public sealed interface Fault permits Fault.Reply, Fault.Delay, Fault.Drop, Fault.Limited {
    /** An answer with this status and a small JSON body. */
    static Fault status(int status) {
        return new Reply(FakeResponse.json(status,
                "{\"error\":\"injected_fault\",\"message\":\"fault injected by the fake provider\",\"status\":" + status + "}"));
    }

    static Fault status(int status, String contentType, String body) {
        return new Reply(FakeResponse.text(status, contentType, body));
    }

    /** 429 with {@code Retry-After} in whole seconds (rounded up). */
    static Fault rateLimited(Duration retryAfter) {
        return new Reply(FakeResponse.json(429, "{\"error\":\"rate_limited\",\"message\":\"Too many requests\"}")
                .withHeader("Retry-After", seconds(retryAfter)));
    }

    static Fault rateLimitedWithoutRetryAfter() {
        return new Reply(FakeResponse.json(429, "{\"error\":\"rate_limited\",\"message\":\"Too many requests\"}"));
    }

    /** 503 with {@code Retry-After} in whole seconds (rounded up). */
    static Fault unavailable(Duration retryAfter) {
        return new Reply(FakeResponse.json(503, "{\"error\":\"unavailable\",\"message\":\"Service unavailable\"}")
                .withHeader("Retry-After", seconds(retryAfter)));
    }

    /** Waits, then the request goes on normally: slow answers and read timeouts. */
    static Fault delay(Duration duration) {
        return new Delay(duration);
    }

    /** 200 saying JSON, with a body that is not JSON (cut off mid-object). */
    static Fault malformedBody() {
        return new Reply(FakeResponse.json(200, "{\"ID\": 1, \"Name\": \"trunc"));
    }

    /** An HTML error page as a load balancer or proxy sends it. */
    static Fault htmlErrorPage(int status) {
        String title = status + " " + reason(status);
        return new Reply(FakeResponse.text(status, "text/html; charset=utf-8",
                "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"));
    }

    /** 200 with valid JSON of an unexpected shape. */
    static Fault unexpectedBody(String json) {
        return new Reply(FakeResponse.json(200, requireNonNull(json, "json is null")));
    }

    /** Closes the connection without sending anything. */
    static Fault dropConnection() {
        return new Drop();
    }

    /** This fault for the first {@code n} matching requests only. */
    default Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + n);
        }
        Fault fault = this instanceof Limited limited ? limited.fault() : this;
        return new Limited(fault, n);
    }

    /** Answers with this response. */
    record Reply(FakeResponse response) implements Fault {
        public Reply {
            requireNonNull(response, "response is null");
        }
    }

    /** Waits this long, then lets the request go on. */
    record Delay(Duration duration) implements Fault {
        public Delay {
            requireNonNull(duration, "duration is null");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + duration);
            }
        }
    }

    /** Closes the connection without an answer. */
    record Drop() implements Fault {
    }

    /** A fault used up after {@code times} matching requests. */
    record Limited(Fault fault, int times) implements Fault {
        public Limited {
            requireNonNull(fault, "fault is null");
            if (fault instanceof Limited) {
                throw new IllegalArgumentException("fault is already limited");
            }
            if (times < 1) {
                throw new IllegalArgumentException("times must be at least 1: " + times);
            }
        }
    }

    private static String seconds(Duration retryAfter) {
        requireNonNull(retryAfter, "retryAfter is null");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Long.toString(seconds);
    }

    private static String reason(int status) {
        return Map.of(
                        400, "Bad Request",
                        403, "Forbidden",
                        404, "Not Found",
                        500, "Internal Server Error",
                        502, "Bad Gateway",
                        503, "Service Temporarily Unavailable",
                        504, "Gateway Time-out")
                .getOrDefault(status, "Error");
    }
}
