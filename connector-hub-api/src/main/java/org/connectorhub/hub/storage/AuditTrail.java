package org.connectorhub.hub.storage;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes the audit trail of control-plane changes (accounts, API keys, origins, webhook endpoints,
 * connect sessions, keys), naming the {@link CurrentActor}. Stores call it with their own
 * connection inside the transaction of the change, so an entry exists exactly when its change does.
 */
public interface AuditTrail {
    /** The "project" of hub-wide changes (key rotation): every project's trail shows them. */
    String HUB_SCOPE = "_hub";

    /** One change: what happened to which target, and a before/after summary (never a secret). */
    record Change(String projectId, String type, String targetId, Map<String, Object> changes) {
        public Change {
            requireNonNull(projectId, "projectId is null");
            requireNonNull(type, "type is null");
            requireNonNull(targetId, "targetId is null");
            requireNonNull(changes, "changes is null");
        }
    }

    AuditTrail NONE = new AuditTrail() {
        @Override
        public void record(Connection connection, Change change) {
        }

        @Override
        public void record(Change change) {
        }
    };

    /** Inside the caller's transaction; a failure rolls the change back. */
    void record(Connection connection, Change change) throws SQLException;

    /** In a transaction of its own, for changes made outside a store (CLI key maintenance). */
    void record(Change change);
}
