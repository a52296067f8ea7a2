package org.connectorhub.testkit.postmark;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One POST the fake made to a webhook URL (or a server's InboundHookUrl), as recorded for tests.
 *
 * @param traceId the fired event's {@link FakePostmarkEvent#traceId()}
 * @param recordType the payload's RecordType, {@code Inbound} for inbound email
 * @param webhookId the webhook's ID; 0 for the server's InboundHookUrl
 * @param url where it went, without user info
 * @param attempt 1 for the first try, 2 for the first retry, ...
 * @param status the HTTP status of the answer; 0 when there was none (connection error, timeout)
 * @param error why there was no answer; empty otherwise
 * @param headers the request headers sent, {@code Authorization} included ({@code toString()} hides it)
 * @param body the JSON sent
 */
public record FakePostmarkWebhookAttempt(
        String traceId,
        String recordType,
        long webhookId,
        URI url,
        int attempt,
        int status,
        String error,
        Map<String, String> headers,
        String body,
        Instant at) {
    public FakePostmarkWebhookAttempt {
        requireNonNull(traceId, "traceId is null");
        requireNonNull(recordType, "recordType is null");
        requireNonNull(url, "url is null");
        requireNonNull(error, "error is null");
        TreeMap<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(requireNonNull(headers, "headers is null"));
        headers = Collections.unmodifiableMap(sorted);
        requireNonNull(body, "body is null");
        requireNonNull(at, "at is null");
    }

    /** A request header by name in any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** Answered with exactly 200, which is what Postmark counts as delivered. */
    public boolean delivered() {
        return status == 200;
    }

    @Override
    public String toString() {
        return "FakePostmarkWebhookAttempt[" + recordType + " #" + attempt + " to webhook " + webhookId + " " + url
                + " -> " + (status == 0 ? error : String.valueOf(status)) + ", traceId=" + traceId
                + (headers.containsKey("Authorization") ? ", Authorization=****" : "") + "]";
    }
}
