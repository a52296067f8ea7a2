package org.connectorhub.hub.activity;

import org.connectorhub.hub.config.ActivitySettings;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.time.Instant;
import org.connectorhub.hub.operability.HousekeepingTask;

/** Deletes entries older than {@code HUB_LOGS_RETENTION}, a thousand at a time (short transactions, no long locks). */
public final class ActivityPurge implements HousekeepingTask {
    static final int BATCH = 1000;
    static final int MAX_BATCHES_PER_RUN = 1000;

    private final ActivityStore store;
    private final ActivitySettings settings;

    @Inject
    public ActivityPurge(ActivityStore store, ActivitySettings settings) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public String name() {
        return "activity log retention";
    }

    @Override
    public int run(Instant now) {
        Instant cutoff = now.minus(settings.retention());
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int deleted = store.deleteOlderThan(cutoff, BATCH);
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        return total;
    }
}
