package org.connectorhub.hub.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Where audit entries live. Every read is scoped to a project. */
public interface AuditStore {
    /** With the caller's connection: commits or rolls back with the caller's transaction. */
    void insert(Connection connection, AuditEntry entry) throws SQLException;

    void insert(AuditEntry entry);

    /** Newest first; one more entry than asked when there is a next page. */
    List<AuditEntry> list(AuditQuery query);

    /** Deletes at most {@code limit} of the oldest entries from before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff, int limit);
}
