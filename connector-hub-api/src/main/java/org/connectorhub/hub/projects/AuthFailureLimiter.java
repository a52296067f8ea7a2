package org.connectorhub.hub.projects;

import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.Problem;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;

/**
 * Slows down API key guessing: a client address that sent {@value #MAX_FAILURES} unknown API keys
 * within a minute gets 429 with {@code Retry-After} for every API-key request until its minute is
 * over, before any key is looked up (so the answer tells nothing about the key). Counts live in
 * memory, per hub instance, in a Caffeine table bounded to {@value #MAX_ADDRESSES} addresses
 * that forgets a window a minute after its last failure.
 */
@Singleton
public final class AuthFailureLimiter {
    public static final int MAX_FAILURES = 20;
    public static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, Window> windows;

    @Inject
    public AuthFailureLimiter() {
        this(Clock.systemUTC());
    }

    public AuthFailureLimiter(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        // the table's own time is the clock's, so expiry and the windows agree
        this.windows = Caffeine.newBuilder()
                .maximumSize(MAX_ADDRESSES)
                .expireAfterWrite(WINDOW)
                .ticker(() -> {
                    Instant now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                .executor(Runnable::run)
                .<String, Window>build()
                .asMap();
    }

    /** Failures counted from {@code start}; replaced whole. */
    private record Window(Instant start, int failures) {
    }

    /** Throws 429 when this address is over the limit. */
    public void checkAllowed(String address) {
        Window window = windows.get(address);
        Instant now = clock.instant();
        if (window == null || window.failures() < MAX_FAILURES) {
            return;
        }
        Instant end = window.start().plus(WINDOW);
        if (!now.isBefore(end)) {
            windows.remove(address, window);
            return;
        }
        long seconds = Math.max(1, (Duration.between(now, end).toMillis() + 999) / 1000);
        throw new ApiException(Problem.of(429, "too_many_failed_attempts", "Too many failed attempts",
                "Too many requests with an invalid API key from this address; try again later.")
                .withHeader("Retry-After", Long.toString(seconds)));
    }

    /** Counts one request with an unknown API key from this address. */
    public void failed(String address) {
        Instant now = clock.instant();
        windows.compute(address, (key, window) -> window == null || !now.isBefore(window.start().plus(WINDOW))
                ? new Window(now, 1)
                : new Window(window.start(), window.failures() + 1));
    }

    /** How many addresses the table holds now (for tests of its bound). */
    int trackedAddresses() {
        return windows.size();
    }
}
