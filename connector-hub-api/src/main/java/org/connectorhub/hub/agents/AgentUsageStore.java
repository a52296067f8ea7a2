package org.connectorhub.hub.agents;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The usage counters of agent tokens, shared by every hub on the database: calls in the current
 * UTC hour and recipients in the current UTC day.
 */
public interface AgentUsageStore {
    String CALLS_PER_HOUR = "max_calls_per_hour";
    String RECIPIENTS_PER_DAY = "max_recipients_per_day";

    /**
     * Counts one call and {@code recipients} recipients, both or neither, if they fit the limits.
     *
     * @return empty when counted; else the rule that would be broken ({@link #CALLS_PER_HOUR} or
     *         {@link #RECIPIENTS_PER_DAY}), with nothing counted
     */
    Optional<String> reserve(String tokenId, Instant now, OptionalInt maxCallsPerHour, int recipients,
            OptionalInt maxRecipientsPerDay);

    /** Gives back recipients counted at {@code reservedAt} for a send that did not go out. */
    void releaseRecipients(String tokenId, Instant reservedAt, int recipients);

    /** What was counted in the hour and day of {@code now}: {@code calls_this_hour}, {@code recipients_today}. */
    Usage usage(String tokenId, Instant now);

    record Usage(long callsThisHour, long recipientsToday) { }
}
