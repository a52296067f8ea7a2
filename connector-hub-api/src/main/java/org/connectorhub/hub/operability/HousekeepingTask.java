package org.connectorhub.hub.operability;

import java.time.Instant;
import java.util.function.IntUnaryOperator;

/** A clean-up that {@link Housekeeping} runs every round, joined with {@code Multibinder<HousekeepingTask>}. */
public interface HousekeepingTask {
    String name();

    /** Removes what is due at {@code now}, in small batches; returns how many rows went. */
    int run(Instant now);

    /** Rows per delete statement: short transactions, no long locks. */
    int BATCH = 1000;
    /** Batches per run at most, so one run never holds the housekeeping thread for long. */
    int MAX_BATCHES_PER_RUN = 1000;

    /** Calls {@code deleteBatch} (given the batch size) until it deletes less than a batch; returns the rows deleted. */
    static int inBatches(IntUnaryOperator deleteBatch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int deleted = deleteBatch.applyAsInt(BATCH);
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        return total;
    }
}
