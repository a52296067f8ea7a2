package org.connectorhub.hub.storage;

import static java.util.Objects.requireNonNull;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Tells every hub on the database that rows changed, so their caches forget them: stores call
 * {@link #send} inside the transaction that writes the rows, so the notice goes out when (and
 * only if) the change commits. On PostgreSQL it is {@code pg_notify} on {@link #CHANNEL}, payload
 * {@code <table>:<id>}, one per row, all rows of one command in one statement; on H2 (one process)
 * it does nothing, the writing store invalidates its own cache. Ids are row ids or key ids, never
 * a secret.
 */
public final class ChangeNotices {
    public static final String CHANNEL = "connector_hub_changes";

    private ChangeNotices() {
    }

    public static void send(Connection connection, String table, String id) throws SQLException {
        send(connection, table, List.of(id));
    }

    public static void send(Connection connection, String table, Collection<String> ids) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(table, "table is null");
        if (ids.isEmpty() || !connection.isWrapperFor(PGConnection.class)) {
            return;
        }
        Object[] payloads = ids.stream().map(id -> table + ":" + id).toArray();
        Array array = connection.createArrayOf("text", payloads);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_notify(?, payload) FROM unnest(?) AS payload")) {
            statement.setString(1, CHANNEL);
            statement.setArray(2, array);
            statement.executeQuery().close();
        } finally {
            array.free();
        }
    }
}
