package org.connectorhub.hub.webhooks;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One attempt in an endpoint's delivery log. {@code outcome}: {@code delivered}, {@code retrying}
 * (another attempt follows) or {@code failed} (given up).
 */
public record DeliveryAttempt(
        String eventId,
        String eventType,
        int attempt,
        OptionalInt statusCode,
        Optional<String> error,
        String outcome,
        Instant at) {

    public static final String DELIVERED = "delivered";
    public static final String RETRYING = "retrying";
    public static final String FAILED = "failed";

    public DeliveryAttempt {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(statusCode, "statusCode is null");
        requireNonNull(error, "error is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(at, "at is null");
    }
}
