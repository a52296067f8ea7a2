package org.connectorhub.hub.storage;

import java.sql.SQLException;

/** SQLSTATE checks shared by every JDBC adapter of the hub, on H2 and PostgreSQL alike. */
public final class SqlStates {
    private SqlStates() {
    }

    /**
     * A UNIQUE or primary-key constraint refused the row: 23505 is the SQL standard's code (PostgreSQL,
     * H2); H2 used 23001 in older compatibility modes.
     */
    public static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state) || "23001".equals(state);
    }
}
