package org.connectorhub.hub.agents;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.inTransaction;
import static org.connectorhub.hub.storage.Jdbc.setInstant;

import com.google.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.connectorhub.hub.storage.Jdbc;
import org.connectorhub.hub.storage.StoreException;

/**
 * Usage counters in {@code agent_usage} (migration V45). A counter is raised by one conditional
 * UPDATE ({@code used + n <= limit}), which the database serialises per row, so two hubs cannot
 * both take the last unit; the call and its recipients are counted in one transaction.
 */
public final class JdbcAgentUsageStore implements AgentUsageStore {
    private static final String CALLS = "calls_hour";
    private static final String RECIPIENTS = "recipients_day";

    private final DataSource dataSource;

    @Inject
    public JdbcAgentUsageStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public Optional<String> reserve(String tokenId, Instant now, OptionalInt maxCallsPerHour, int recipients,
            OptionalInt maxRecipientsPerDay) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        try (Connection connection = dataSource.getConnection()) {
            // the common case is one transaction of one or two UPDATEs; a missing row is made and the whole tried again
            while (true) {
                Outcome outcome = raiseBoth(connection, tokenId, hour, day, maxCallsPerHour, recipients,
                        maxRecipientsPerDay);
                if (outcome.counted()) {
                    return Optional.empty();
                }
                boolean created = ensureRow(connection, tokenId, CALLS, hour)
                        | (recipients > 0 && ensureRow(connection, tokenId, RECIPIENTS, day));
                if (!created) {
                    // the rows exist: the refusal was the limit's
                    return outcome.broken();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("count agent usage", e);
        }
    }

    /** Counted, or the rule whose UPDATE matched no row (over the limit, or no row yet). */
    private record Outcome(boolean counted, Optional<String> broken) { }

    private static Outcome raiseBoth(Connection connection, String tokenId, Instant hour, Instant day,
            OptionalInt maxCallsPerHour, int recipients, OptionalInt maxRecipientsPerDay) throws SQLException {
        // a refused rule undoes the counter already raised: nothing is counted for a refused send
        return inTransaction(connection, () -> {
            if (!raise(connection, tokenId, CALLS, hour, 1, maxCallsPerHour)) {
                connection.rollback();
                return new Outcome(false, Optional.of(CALLS_PER_HOUR));
            }
            if (recipients > 0 && !raise(connection, tokenId, RECIPIENTS, day, recipients, maxRecipientsPerDay)) {
                connection.rollback();
                return new Outcome(false, Optional.of(RECIPIENTS_PER_DAY));
            }
            return new Outcome(true, Optional.empty());
        });
    }

    @Override
    public void releaseRecipients(String tokenId, Instant reservedAt, int recipients) {
        if (recipients <= 0) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE agent_usage SET used = used - ? "
                        + "WHERE token_id = ? AND counter = ? AND window_start = ? AND used >= ?")) {
            statement.setLong(1, recipients);
            statement.setString(2, tokenId);
            statement.setString(3, RECIPIENTS);
            setInstant(statement, 4, reservedAt.truncatedTo(ChronoUnit.DAYS));
            statement.setLong(5, recipients);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("release agent usage", e);
        }
    }

    @Override
    public Usage usage(String tokenId, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            return new Usage(read(connection, tokenId, CALLS, now.truncatedTo(ChronoUnit.HOURS)),
                    read(connection, tokenId, RECIPIENTS, now.truncatedTo(ChronoUnit.DAYS)));
        } catch (SQLException e) {
            throw new StoreException("read agent usage", e);
        }
    }

    private static long read(Connection connection, String tokenId, String counter, Instant window) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT used FROM agent_usage WHERE token_id = ? AND counter = ? AND window_start = ?")) {
            statement.setString(1, tokenId);
            statement.setString(2, counter);
            setInstant(statement, 3, window);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** True when this call made the row (it was missing). */
    private static boolean ensureRow(Connection connection, String tokenId, String counter, Instant window)
            throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(
                "SELECT 1 FROM agent_usage WHERE token_id = ? AND counter = ? AND window_start = ?")) {
            exists.setString(1, tokenId);
            exists.setString(2, counter);
            setInstant(exists, 3, window);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO agent_usage (token_id, counter, window_start, used) VALUES (?, ?, ?, 0)")) {
            statement.setString(1, tokenId);
            statement.setString(2, counter);
            setInstant(statement, 3, window);
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            // another call (on this hub or another) made it first: it exists now
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            return true;
        }
    }

    private static boolean raise(Connection connection, String tokenId, String counter, Instant window, long amount,
            OptionalInt limit) throws SQLException {
        String sql = "UPDATE agent_usage SET used = used + ? WHERE token_id = ? AND counter = ? AND window_start = ?"
                + (limit.isPresent() ? " AND used + ? <= ?" : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, amount);
            statement.setString(2, tokenId);
            statement.setString(3, counter);
            setInstant(statement, 4, window);
            if (limit.isPresent()) {
                statement.setLong(5, amount);
                statement.setLong(6, limit.getAsInt());
            }
            return statement.executeUpdate() == 1;
        }
    }
}
