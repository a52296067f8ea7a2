package org.connectorhub.hub.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Endpoints, the outbox's deliveries and the delivery log. Events are written by the JDBC outbox
 * ({@link OutboxWriter}) inside the account change's own transaction, so that side is not here.
 */
public interface WebhookStore {
    /** A delivery claimed for sending, with all it needs. */
    record Delivery(long seq, String endpointId, String projectId, String url, Map<String, String> headers,
            byte[] sealedSecret, String eventId, String eventType, String accountId, String payload, int attempts,
            Instant eventCreatedAt) {
        @Override
        public String toString() {
            return "Delivery[seq=" + seq + ", endpointId=" + endpointId + ", eventId=" + eventId + "]";
        }
    }

    void insertEndpoint(WebhookEndpoint endpoint);

    List<WebhookEndpoint> listEndpoints(String projectId);

    Optional<WebhookEndpoint> findEndpoint(String projectId, String endpointId);

    /** Deletes the endpoint with its pending deliveries and its log; false when there was none. */
    boolean deleteEndpoint(String projectId, String endpointId);

    /**
     * Up to {@code limit} deliveries due at {@code now}, unclaimed, and first in line for their
     * endpoint and account (no earlier pending delivery of the same account to the same endpoint).
     */
    List<Long> findDue(Instant now, int limit);

    /** Claims a pending delivery for {@code owner} until {@code until}; false when another hub has it. */
    boolean claim(long seq, String owner, Instant now, Instant until);

    Optional<Delivery> load(long seq);

    /**
     * Records an attempt and moves the delivery on: {@code delivered}, {@code failed}, or pending
     * again at {@code nextAttemptAt}; the claim is released. False when the claim was lost.
     */
    boolean finish(Delivery delivery, String owner, DeliveryAttempt attempt, Optional<Instant> nextAttemptAt);

    /** Lets go of every claim of {@code owner} (on stop), so another hub or the next start sends them at once. */
    int releaseClaims(String owner);

    /** The newest {@code limit} attempts of an endpoint, newest first. */
    List<DeliveryAttempt> attempts(String endpointId, int limit);

    /** The newest {@code limit} attempts, to any endpoint of the project, of events about one account, newest first. */
    List<DeliveryAttempt> attemptsOfAccount(String projectId, String accountId, int limit);

    /** What asking to send a delivery again came to. */
    enum Redelivery {
        /** pending again, due at once, its attempt count kept */
        QUEUED,
        /** no delivery of this event to this endpoint of the project */
        NOT_FOUND,
        /** the delivery is pending or delivered: only a failed one is sent again */
        NOT_FAILED
    }

    /**
     * Queues the given-up delivery of {@code eventId} to the project's endpoint again, due at
     * {@code now}; the audit entry is written in the same transaction.
     */
    Redelivery redeliver(String projectId, String endpointId, String eventId, Instant now);

    /** The events whose delivery to the endpoint was given up, newest first, at most {@code limit}. */
    List<String> failedEventIds(String endpointId, int limit);

    /** Forgets events older than {@code before} that no delivery waits for any more. */
    int purgeFinished(Instant before);
}
