package org.connectorhub.hub.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The JDBC helpers every store uses: instants, optional strings, JSON text columns, SQLStates.
 * Instants go in as an {@link OffsetDateTime} at UTC cut to microseconds and come out through
 * {@code getObject(..., OffsetDateTime.class)}: into {@code TIMESTAMP WITH TIME ZONE} this reads
 * back the same instant on H2 and PostgreSQL whatever the JVM's zone ({@code java.sql.Timestamp}
 * goes through that zone).
 */
public final class Jdbc {
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    // H2 reports a missing parent row with its own code
    public static final String H2_PARENT_MISSING = "23506";
    public static final ObjectMapper JSON = new ObjectMapper();

    private Jdbc() {
    }

    /** Work on one connection inside {@link #inTransaction}. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs the work as one transaction on the connection: committed if it returns, rolled back if it
     * throws anything (a runtime exception too: turning auto-commit back on would otherwise commit
     * the half that ran), auto-commit restored either way. Work that rolls back itself and returns
     * leaves an empty transaction to commit.
     */
    public static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** PostgreSQL keeps microseconds; values are cut to that so what is stored is what is read. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC));
    }

    public static void setInstant(PreparedStatement statement, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            setInstant(statement, index, instant.get());
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    public static void setString(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    public static Instant getInstant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Instant getInstant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON column", e);
        }
    }

    public static <T> T fromJson(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            // no excerpt of the stored text in the message
            throw new IllegalStateException("stored JSON column is not readable");
        }
    }

    public static boolean isUniqueViolation(SQLException e) {
        return SqlStates.isUniqueViolation(e);
    }

    /** SQLState class 22: the value does not fit the column (too long, bad characters). */
    public static boolean isDataException(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("22");
    }

    public static boolean isForeignKeyViolation(SQLException e) {
        return FOREIGN_KEY_VIOLATION.equals(e.getSQLState()) || H2_PARENT_MISSING.equals(e.getSQLState());
    }
}
