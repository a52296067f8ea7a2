package org.connectorhub.hub.audit;

import org.connectorhub.hub.config.AuditSettings;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.time.Instant;
import org.connectorhub.hub.operability.HousekeepingTask;

/** Deletes audit entries older than {@code HUB_AUDIT_RETENTION}, in small batches; nothing when it is unset. */
public final class AuditPurge implements HousekeepingTask {
    private final AuditStore store;
    private final AuditSettings settings;

    @Inject
    public AuditPurge(AuditStore store, AuditSettings settings) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public String name() {
        return "audit trail retention";
    }

    @Override
    public int run(Instant now) {
        if (settings.retention().isEmpty()) {
            return 0;
        }
        Instant cutoff = now.minus(settings.retention().get());
        return HousekeepingTask.inBatches(batch -> store.deleteOlderThan(cutoff, batch));
    }
}
