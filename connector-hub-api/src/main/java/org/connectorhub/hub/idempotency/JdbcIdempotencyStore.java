package org.connectorhub.hub.idempotency;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.setInstant;

import com.google.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.connectorhub.hub.storage.SqlStates;
import org.connectorhub.hub.storage.StoreException;

/** Idempotency keys in the {@code idempotency_keys} table (migration V10). */
public final class JdbcIdempotencyStore implements IdempotencyStore {
    private static final String PENDING = "pending";
    private static final String DONE = "done";
    /** A response is replayed for this long after the first request. */
    public static final Duration RETENTION = Duration.ofHours(24);
    /** A reservation older than this belongs to a request that died (e.g. the process stopped mid-call). */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    private final DataSource dataSource;

    @Inject
    public JdbcIdempotencyStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public Reservation reserve(String projectId, String key, String fingerprint, Instant now) {
        forgetStale(projectId, key, now);
        // A few rounds: the holder may finish or release between our insert and our read.
        for (int attempt = 0; attempt < 3; attempt++) {
            if (tryInsert(projectId, key, fingerprint, now)) {
                return new Reservation.Reserved();
            }
            Optional<Reservation> existing = find(projectId, key);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        throw new IllegalStateException("cannot reserve an idempotency key");
    }

    private void forgetStale(String projectId, String key, Instant now) {
        String sql = "DELETE FROM idempotency_keys WHERE project_id = ? AND idempotency_key = ? "
                + "AND (created_at < ? OR (state = ? AND created_at < ?))";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, projectId);
            statement.setString(2, key);
            setInstant(statement, 3, now.minus(RETENTION));
            statement.setString(4, PENDING);
            setInstant(statement, 5, now.minus(ABANDONED_AFTER));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("expire an idempotency key", e);
        }
    }

    /** Deletes every key past {@link #RETENTION}; returns how many. */
    public int purge(Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM idempotency_keys WHERE created_at < ?")) {
            setInstant(statement, 1, now.minus(RETENTION));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge idempotency keys", e);
        }
    }

    private boolean tryInsert(String projectId, String key, String fingerprint, Instant now) {
        String sql = "INSERT INTO idempotency_keys (project_id, idempotency_key, fingerprint, state, created_at) "
                + "VALUES (?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, projectId);
            statement.setString(2, key);
            statement.setString(3, fingerprint);
            statement.setString(4, PENDING);
            setInstant(statement, 5, now);
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (SqlStates.isUniqueViolation(e)) {
                return false;
            }
            throw new StoreException("reserve an idempotency key", e);
        }
    }

    private Optional<Reservation> find(String projectId, String key) {
        String sql = "SELECT fingerprint, state, response_status, response_body FROM idempotency_keys "
                + "WHERE project_id = ? AND idempotency_key = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, projectId);
            statement.setString(2, key);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String fingerprint = row.getString("fingerprint");
                if (DONE.equals(row.getString("state"))) {
                    return Optional.of(new Reservation.Completed(fingerprint, row.getInt("response_status"),
                            row.getString("response_body")));
                }
                return Optional.of(new Reservation.InProgress(fingerprint));
            }
        } catch (SQLException e) {
            throw new StoreException("read an idempotency key", e);
        }
    }

    @Override
    public void complete(String projectId, String key, int status, String body) {
        String sql = "UPDATE idempotency_keys SET state = ?, response_status = ?, response_body = ? "
                + "WHERE project_id = ? AND idempotency_key = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, DONE);
            statement.setInt(2, status);
            statement.setString(3, body);
            statement.setString(4, projectId);
            statement.setString(5, key);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("store an idempotent response", e);
        }
    }

    @Override
    public void release(String projectId, String key) {
        String sql = "DELETE FROM idempotency_keys WHERE project_id = ? AND idempotency_key = ? AND state = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, projectId);
            statement.setString(2, key);
            statement.setString(3, PENDING);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("release an idempotency key", e);
        }
    }
}
