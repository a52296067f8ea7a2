package org.connectorhub.hub.idempotency;

import java.time.Instant;

/** Remembers responses by (project, Idempotency-Key). */
public interface IdempotencyStore {
    /** What {@link #reserve} found. */
    sealed interface Reservation {
        /** The key is new and now reserved for the caller, who must {@code complete} or {@code release} it. */
        record Reserved() implements Reservation { }

        /** A request with this key finished; its response is replayed. */
        record Completed(String fingerprint, int status, String body) implements Reservation { }

        /** Another request with this key is running now. */
        record InProgress(String fingerprint) implements Reservation { }
    }

    /** Reserves the key with a unique insert; never lets two callers hold it. */
    Reservation reserve(String projectId, String key, String fingerprint, Instant now);

    void complete(String projectId, String key, int status, String body);

    /** Forgets a reservation whose request failed in a way worth retrying (e.g. provider unavailable). */
    void release(String projectId, String key);
}
