package org.connectorhub.hub.providerevents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** Where provider event settings, subscriptions and receipts live. */
public interface ProviderEventStore {
    /** The project's settings per provider; empty when it relays none. */
    Map<String, EventSettings> settings(String projectId);

    /**
     * Replaces the project's settings, and in the same transaction asks for work on every account
     * of the providers named before or now: existing subscriptions become due (state pending), and
     * accounts of an enabled provider without one get one from {@code newSubscription} (account id and provider to row).
     */
    void saveSettings(String projectId, Map<String, EventSettings> settings, BiFunction<String, String, Subscription> newSubscription,
            Instant now);

    Optional<Subscription> find(String accountId);

    /** Whether the account's owner turned provider events off for it. */
    boolean optedOut(String accountId);

    /**
     * Records the account's choice and asks for work on its subscription; turning events back on
     * for an account without one creates it from {@code newSubscription} when the project relays its provider.
     */
    void setPreference(String projectId, String accountId, boolean enabled, BiFunction<String, String, Subscription> newSubscription,
            Instant now);

    /** Claims up to {@code limit} due subscriptions until {@code claimUntil}; returns their account ids. */
    List<String> claimDue(Instant now, Instant claimUntil, int limit);

    /** The work is done: new state; the work is cleared unless asked for again since {@code requests}. */
    void finish(String accountId, long requests, String state, List<String> hookIds, List<String> warnings,
            Optional<String> lastError, Instant now);

    /** An outage: try again at {@code nextAttemptAt}. */
    void retryLater(String accountId, int attempts, Instant nextAttemptAt, String lastError, Instant now);

    /** The subscription is gone at the provider (after an unlink): the row goes, unless asked for again since. */
    void delete(String accountId, long requests);

    /**
     * Records one received event under {@code eventKey} and writes it to the webhook outbox, in one
     * transaction. Returns false, writing nothing, when the key was seen already for the account.
     */
    boolean receive(String projectId, String accountId, String eventKey, String type, Map<String, Object> data,
            Instant now);

    /** Deletes up to {@code limit} receipts received before {@code cutoff}; returns how many went. */
    int deleteReceiptsOlderThan(Instant cutoff, int limit);
}
