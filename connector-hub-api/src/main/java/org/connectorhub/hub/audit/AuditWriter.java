package org.connectorhub.hub.audit;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.storage.AuditTrail;
import org.connectorhub.hub.storage.CurrentActor;

/** The stores' {@link AuditTrail}: an entry per change, naming the {@link CurrentActor}. */
@Singleton
public final class AuditWriter implements AuditTrail {
    private final AuditStore store;
    private final Clock clock;

    @Inject
    public AuditWriter(AuditStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void record(Connection connection, Change change) throws SQLException {
        store.insert(connection, entry(change));
    }

    @Override
    public void record(Change change) {
        store.insert(entry(change));
    }

    private AuditEntry entry(Change change) {
        CurrentActor.Actor actor = CurrentActor.get();
        return new AuditEntry(ApiKeys.newId("aud_"), clock.instant(), change.projectId(), change.type(),
                change.targetId(), actor.caller(), actor.ownerId(), actor.sourceIp(), change.changes());
    }
}
