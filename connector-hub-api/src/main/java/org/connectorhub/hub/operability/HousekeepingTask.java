package org.connectorhub.hub.operability;

import java.time.Instant;

/** A clean-up that {@link Housekeeping} runs every round, joined with {@code Multibinder<HousekeepingTask>}. */
public interface HousekeepingTask {
    String name();

    /** Removes what is due at {@code now}, in small batches; returns how many rows went. */
    int run(Instant now);
}
