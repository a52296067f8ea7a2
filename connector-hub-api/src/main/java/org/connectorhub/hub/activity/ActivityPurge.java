package org.connectorhub.hub.activity;

import org.connectorhub.hub.config.ActivitySettings;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.time.Instant;
import org.connectorhub.hub.operability.HousekeepingTask;

/** Deletes entries older than {@code HUB_LOGS_RETENTION}, a thousand at a time (short transactions, no long locks). */
public final class ActivityPurge implements HousekeepingTask {
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
        return HousekeepingTask.inBatches(batch -> store.deleteOlderThan(cutoff, batch));
    }
}
