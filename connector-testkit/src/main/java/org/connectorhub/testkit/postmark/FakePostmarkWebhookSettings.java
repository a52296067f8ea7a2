package org.connectorhub.testkit.postmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How the fake's webhooks behave where Postmark's behaviour is not confirmed (team fact sheet on
 * Postmark webhooks, facts marked unconfirmed): each default is the documented value, and each
 * can be changed to test a receiver against the other reading. Get it with
 * {@link FakePostmark#webhookSettings()}; setters return {@code this}; thread-safe.
 */
public final class FakePostmarkWebhookSettings {
    /** "Up to 10" webhook URLs (Postmark's product page); per stream according to Hookdeck. Unconfirmed. */
    public static final int POSTMARK_LIMIT_PER_STREAM = 10;

    /**
     * Outbound retries per the current overview and postmark-skills v1.1 (unconfirmed; older sources
     * say 10 retries over about 10.5 h): 6 retries after 1, 5, 10, 10, 10 and 15 minutes.
     */
    public static final List<Duration> POSTMARK_RETRIES = minutes(1, 5, 10, 10, 10, 15);

    /** Inbound retries, documented: 10 retries after 1, 5, 10, 10, 10, 15, 30, 60, 120 and 360 minutes. */
    public static final List<Duration> POSTMARK_INBOUND_RETRIES = minutes(1, 5, 10, 10, 10, 15, 30, 60, 120, 360);

    /** The defaults run Postmark's ladders with a minute shortened to this, so tests stay fast. */
    public static final Duration TEST_MINUTE = Duration.ofMillis(2);

    /** Which outbound answers are retried (inbound always retries every non-200 answer but 403). */
    public enum RetryPolicy {
        /** The current documentation (unconfirmed): 5xx, 408, 429 and no answer are retried; other answers are final. */
        TRANSIENT_FAILURES,
        /** Older sources: every answer but 200 is retried, except 403 which stops the retries. */
        ANY_NON_200
    }

    private volatile int limitPerStream = POSTMARK_LIMIT_PER_STREAM;
    private volatile boolean unsetHttpAuthAsNulls = true;
    private volatile List<Duration> retries = scaled(POSTMARK_RETRIES, TEST_MINUTE);
    private volatile List<Duration> inboundRetries = scaled(POSTMARK_INBOUND_RETRIES, TEST_MINUTE);
    private volatile RetryPolicy retryPolicy = RetryPolicy.TRANSIENT_FAILURES;
    private volatile boolean traceHeaders = true;
    private volatile Duration timeout = Duration.ofSeconds(10);

    FakePostmarkWebhookSettings() {
    }

    /** A ladder with each minute shortened to {@code minute}: {@code scaled(POSTMARK_RETRIES, Duration.ofMillis(2))}. */
    public static List<Duration> scaled(List<Duration> ladder, Duration minute) {
        requireNonNull(minute, "minute is null");
        return ladder.stream().map(delay -> minute.multipliedBy(delay.toMinutes())).toList();
    }

    /** At most this many webhooks per message stream (422 ErrorCode 1359 beyond); default {@value #POSTMARK_LIMIT_PER_STREAM}. */
    public FakePostmarkWebhookSettings limitPerStream(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limitPerStream = limit;
        return this;
    }

    /**
     * How a webhook created without {@code HttpAuth} shows it: {@code {"Username":null,"Password":null}}
     * (default, the one example seen; unconfirmed) or, when false, empty strings.
     */
    public FakePostmarkWebhookSettings unsetHttpAuthAsNulls(boolean nulls) {
        this.unsetHttpAuthAsNulls = nulls;
        return this;
    }

    /** Delays before each outbound retry; its size is the number of retries. Default: {@link #POSTMARK_RETRIES} scaled to {@link #TEST_MINUTE}. */
    public FakePostmarkWebhookSettings retries(List<Duration> delays) {
        this.retries = List.copyOf(delays);
        return this;
    }

    /** Delays before each inbound retry. Default: {@link #POSTMARK_INBOUND_RETRIES} scaled to {@link #TEST_MINUTE}. */
    public FakePostmarkWebhookSettings inboundRetries(List<Duration> delays) {
        this.inboundRetries = List.copyOf(delays);
        return this;
    }

    /** Default {@link RetryPolicy#TRANSIENT_FAILURES}. */
    public FakePostmarkWebhookSettings retryPolicy(RetryPolicy policy) {
        this.retryPolicy = requireNonNull(policy, "policy is null");
        return this;
    }

    /**
     * Whether each POST carries {@code X-PM-Webhook-Trace-Id} (stable across retries of one event)
     * and {@code X-PM-Retries-Remaining}: newer headers, unconfirmed; on by default. Off tests a
     * receiver's fallback de-duplication.
     */
    public FakePostmarkWebhookSettings traceHeaders(boolean send) {
        this.traceHeaders = send;
        return this;
    }

    /** How long one POST waits for an answer (Postmark documents 2 minutes for inbound only); default 10 s. */
    public FakePostmarkWebhookSettings timeout(Duration timeout) {
        this.timeout = requireNonNull(timeout, "timeout is null");
        return this;
    }

    int limitPerStream() {
        return limitPerStream;
    }

    boolean unsetHttpAuthAsNulls() {
        return unsetHttpAuthAsNulls;
    }

    PostmarkWebhookDelivery.Settings snapshot() {
        return new PostmarkWebhookDelivery.Settings(retries, inboundRetries, retryPolicy, traceHeaders, timeout);
    }

    private static List<Duration> minutes(long... minutes) {
        return Arrays.stream(minutes).mapToObj(Duration::ofMinutes).toList();
    }
}
