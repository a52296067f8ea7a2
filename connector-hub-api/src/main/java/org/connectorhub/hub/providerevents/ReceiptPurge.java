package org.connectorhub.hub.providerevents;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.connectorhub.hub.operability.HousekeepingTask;

/**
 * Drops receipts once the provider can no longer retry their event (Postmark retries inbound email
 * for about 10.5 hours, other events for less): a week leaves room for a manual retry.
 */
public final class ReceiptPurge implements HousekeepingTask {
    static final Duration KEEP = Duration.ofDays(7);

    private final ProviderEventStore store;

    @Inject
    public ReceiptPurge(ProviderEventStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public String name() {
        return "provider event receipts";
    }

    @Override
    public int run(Instant now) {
        Instant cutoff = now.minus(KEEP);
        return HousekeepingTask.inBatches(batch -> store.deleteReceiptsOlderThan(cutoff, batch));
    }
}
