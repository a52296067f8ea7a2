package org.connectorhub.hub.storage;

import java.sql.SQLException;

/** The database failed (unreachable, broken); not an expected outcome such as a duplicate. */
public final class StoreException extends RuntimeException {
    public StoreException(String operation, SQLException cause) {
        // the driver's message can quote SQL and values; keep ours to the operation and SQLState
        super("database error while trying to " + operation + " (SQLState " + cause.getSQLState() + ")", cause);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
