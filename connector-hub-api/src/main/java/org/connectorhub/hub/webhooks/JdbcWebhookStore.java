package org.connectorhub.hub.webhooks;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.fromJson;
import static org.connectorhub.hub.storage.Jdbc.getInstant;
import static org.connectorhub.hub.storage.Jdbc.inTransaction;
import static org.connectorhub.hub.storage.Jdbc.setInstant;
import static org.connectorhub.hub.storage.Jdbc.setString;
import static org.connectorhub.hub.storage.Jdbc.toJson;

import com.fasterxml.jackson.core.type.TypeReference;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.connectorhub.hub.storage.AuditTrail;
import org.connectorhub.hub.storage.StoreException;

/**
 * {@link WebhookStore} in the hub's database. Claims are atomic {@code UPDATE ... WHERE}
 * statements, which work alike on H2 and PostgreSQL. The outbox side ({@link #endpoints},
 * {@link #writeEvent}) runs on the caller's connection, inside the account change's transaction.
 */
@Singleton
public final class JdbcWebhookStore implements WebhookStore {
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final String ENDPOINT_COLUMNS = "id, project_id, url, description, events, headers, sealed_secret, created_at";

    private final DataSource dataSource;
    private final AuditTrail audit;

    public JdbcWebhookStore(DataSource dataSource) {
        this(dataSource, AuditTrail.NONE);
    }

    /** A store that writes an audit entry in the transaction of every endpoint created or deleted. */
    @Inject
    public JdbcWebhookStore(DataSource dataSource, AuditTrail audit) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    // ------------------------------------------------------------------ endpoints

    @Override
    public void insertEndpoint(WebhookEndpoint endpoint) {
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                try (PreparedStatement statement = connection.prepareStatement("INSERT INTO webhook_endpoints ("
                        + ENDPOINT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    statement.setString(1, endpoint.id());
                    statement.setString(2, endpoint.projectId());
                    statement.setString(3, endpoint.url());
                    setString(statement, 4, endpoint.description());
                    statement.setString(5, toJson(endpoint.events()));
                    statement.setString(6, toJson(endpoint.headers()));
                    statement.setBytes(7, endpoint.sealedSecret());
                    setInstant(statement, 8, endpoint.createdAt());
                    statement.executeUpdate();
                    audit.record(connection, new AuditTrail.Change(endpoint.projectId(), "webhook_endpoint.created",
                            endpoint.id(), Map.of("after", summary(endpoint))));
                    return null;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("insert a webhook endpoint", e);
        }
    }

    // what an endpoint is, for the audit trail: never its secret, and header names without their values
    private static Map<String, Object> summary(WebhookEndpoint endpoint) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", endpoint.url());
        json.put("events", endpoint.events());
        json.put("header_names", new TreeSet<>(endpoint.headers().keySet()));
        return json;
    }

    @Override
    public List<WebhookEndpoint> listEndpoints(String projectId) {
        try (Connection connection = dataSource.getConnection()) {
            return endpoints(connection, projectId);
        } catch (SQLException e) {
            throw new StoreException("list webhook endpoints", e);
        }
    }

    @Override
    public Optional<WebhookEndpoint> findEndpoint(String projectId, String endpointId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT " + ENDPOINT_COLUMNS
                        + " FROM webhook_endpoints WHERE project_id = ? AND id = ?")) {
            statement.setString(1, projectId);
            statement.setString(2, endpointId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(readEndpoint(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("find a webhook endpoint", e);
        }
    }

    /** Deletes the endpoint with its pending deliveries and its log; false when there was none. */
    @Override
    public boolean deleteEndpoint(String projectId, String endpointId) {
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, () -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM webhook_endpoints WHERE project_id = ? AND id = ?")) {
                    statement.setString(1, projectId);
                    statement.setString(2, endpointId);
                    boolean deleted = statement.executeUpdate() > 0;
                    if (deleted) {
                        audit.record(connection, new AuditTrail.Change(projectId, "webhook_endpoint.deleted",
                                endpointId, Map.of()));
                    }
                    return deleted;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("delete a webhook endpoint", e);
        }
    }

    /** The endpoints of a project, read on the caller's connection (inside its transaction). */
    List<WebhookEndpoint> endpoints(Connection connection, String projectId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + ENDPOINT_COLUMNS
                + " FROM webhook_endpoints WHERE project_id = ? ORDER BY created_at, id")) {
            statement.setString(1, projectId);
            List<WebhookEndpoint> endpoints = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    endpoints.add(readEndpoint(row));
                }
            }
            return endpoints;
        }
    }

    // ------------------------------------------------------------------ outbox

    /** Writes an event and one pending delivery per endpoint, on the caller's connection. */
    void writeEvent(Connection connection, String eventId, String projectId, String accountId, String type,
            String payload, Instant createdAt, List<String> endpointIds) throws SQLException {
        try (PreparedStatement event = connection.prepareStatement("INSERT INTO webhook_events "
                + "(id, project_id, account_id, event_type, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            event.setString(1, eventId);
            event.setString(2, projectId);
            event.setString(3, accountId);
            event.setString(4, type);
            event.setString(5, payload);
            setInstant(event, 6, createdAt);
            event.executeUpdate();
        }
        try (PreparedStatement delivery = connection.prepareStatement("INSERT INTO webhook_deliveries "
                + "(endpoint_id, event_id, account_id, state, attempts, next_attempt_at, created_at) "
                + "VALUES (?, ?, ?, '" + PENDING + "', 0, ?, ?)")) {
            for (String endpointId : endpointIds) {
                delivery.setString(1, endpointId);
                delivery.setString(2, eventId);
                delivery.setString(3, accountId);
                setInstant(delivery, 4, createdAt);
                setInstant(delivery, 5, createdAt);
                delivery.addBatch();
            }
            delivery.executeBatch();
        }
    }

    /**
     * Up to {@code limit} deliveries due at {@code now}, unclaimed, and first in line for their
     * endpoint and account (no earlier pending delivery of the same account to the same endpoint).
     */
    @Override
    public List<Long> findDue(Instant now, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT d.seq FROM webhook_deliveries d "
                        + "WHERE d.state = '" + PENDING + "' AND d.next_attempt_at <= ? "
                        + "AND (d.claimed_until IS NULL OR d.claimed_until < ?) "
                        + "AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.endpoint_id = d.endpoint_id "
                        + "AND e.account_id = d.account_id AND e.state = '" + PENDING + "' AND e.seq < d.seq) "
                        + "ORDER BY d.next_attempt_at, d.seq LIMIT ?")) {
            setInstant(statement, 1, now);
            setInstant(statement, 2, now);
            statement.setInt(3, limit);
            List<Long> due = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    due.add(row.getLong(1));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new StoreException("find due webhook deliveries", e);
        }
    }

    /** Claims a pending delivery for {@code owner} until {@code until}; false when another hub has it. */
    @Override
    public boolean claim(long seq, String owner, Instant now, Instant until) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE webhook_deliveries "
                        + "SET claimed_by = ?, claimed_until = ? WHERE seq = ? AND state = '" + PENDING + "' "
                        + "AND (claimed_until IS NULL OR claimed_until < ?)")) {
            statement.setString(1, owner);
            setInstant(statement, 2, until);
            statement.setLong(3, seq);
            setInstant(statement, 4, now);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("claim a webhook delivery", e);
        }
    }

    @Override
    public Optional<Delivery> load(long seq) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT d.seq, d.endpoint_id, "
                        + "w.project_id, w.url, w.headers, w.sealed_secret, d.event_id, v.event_type, d.account_id, "
                        + "v.payload, d.attempts, v.created_at FROM webhook_deliveries d "
                        + "JOIN webhook_endpoints w ON w.id = d.endpoint_id JOIN webhook_events v ON v.id = d.event_id "
                        + "WHERE d.seq = ?")) {
            statement.setLong(1, seq);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Delivery(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        fromJson(row.getString(5), STRING_MAP), row.getBytes(6), row.getString(7), row.getString(8),
                        row.getString(9), row.getString(10), row.getInt(11), getInstant(row, 12)));
            }
        } catch (SQLException e) {
            throw new StoreException("load a webhook delivery", e);
        }
    }

    /**
     * Records an attempt and moves the delivery on: {@code delivered}, {@code failed}, or pending
     * again at {@code nextAttemptAt}; the claim is released. False when the claim was lost.
     */
    @Override
    public boolean finish(Delivery delivery, String owner, DeliveryAttempt attempt, Optional<Instant> nextAttemptAt) {
        String state = switch (attempt.outcome()) {
            case DeliveryAttempt.DELIVERED -> DELIVERED;
            case DeliveryAttempt.FAILED -> FAILED;
            default -> PENDING;
        };
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, () -> {
                int updated;
                try (PreparedStatement statement = connection.prepareStatement("UPDATE webhook_deliveries "
                        + "SET state = ?, attempts = ?, next_attempt_at = COALESCE(?, next_attempt_at), "
                        + "claimed_by = NULL, claimed_until = NULL WHERE seq = ? AND claimed_by = ?")) {
                    statement.setString(1, state);
                    statement.setInt(2, attempt.attempt());
                    setInstant(statement, 3, nextAttemptAt);
                    statement.setLong(4, delivery.seq());
                    statement.setString(5, owner);
                    updated = statement.executeUpdate();
                }
                if (updated == 1) {
                    insertAttempt(connection, delivery.endpointId(), attempt);
                }
                return updated == 1;
            });
        } catch (SQLException e) {
            throw new StoreException("record a webhook attempt", e);
        }
    }

    private static void insertAttempt(Connection connection, String endpointId, DeliveryAttempt attempt)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO webhook_attempts (endpoint_id, "
                + "event_id, event_type, attempt, status_code, error, outcome, attempted_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, endpointId);
            statement.setString(2, attempt.eventId());
            statement.setString(3, attempt.eventType());
            statement.setInt(4, attempt.attempt());
            if (attempt.statusCode().isPresent()) {
                statement.setInt(5, attempt.statusCode().getAsInt());
            } else {
                statement.setNull(5, Types.INTEGER);
            }
            if (attempt.error().isPresent()) {
                String error = attempt.error().get();
                statement.setString(6, error.length() > 500 ? error.substring(0, 500) : error);
            } else {
                statement.setNull(6, Types.VARCHAR);
            }
            statement.setString(7, attempt.outcome());
            setInstant(statement, 8, attempt.at());
            statement.executeUpdate();
        }
    }

    /** Lets go of every claim of {@code owner} (on stop), so another hub or the next start sends them at once. */
    @Override
    public int releaseClaims(String owner) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE webhook_deliveries "
                        + "SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ? AND state = '" + PENDING + "'")) {
            statement.setString(1, owner);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("release webhook claims", e);
        }
    }

    /** The newest {@code limit} attempts of an endpoint, newest first. */
    @Override
    public List<DeliveryAttempt> attempts(String endpointId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT event_id, event_type, attempt, "
                        + "status_code, error, outcome, attempted_at FROM webhook_attempts WHERE endpoint_id = ? "
                        + "ORDER BY id DESC LIMIT ?")) {
            statement.setString(1, endpointId);
            statement.setInt(2, limit);
            List<DeliveryAttempt> attempts = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    int status = row.getInt(4);
                    OptionalInt statusCode = row.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
                    attempts.add(new DeliveryAttempt(row.getString(1), row.getString(2), row.getInt(3), statusCode,
                            Optional.ofNullable(row.getString(5)), row.getString(6), getInstant(row, 7)));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new StoreException("read the webhook delivery log", e);
        }
    }

    @Override
    public List<DeliveryAttempt> attemptsOfAccount(String projectId, String accountId, int limit) {
        // the events' (project_id, account_id) index of V56 finds the account's events; attempts name their event
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT a.event_id, a.event_type, a.attempt, "
                        + "a.status_code, a.error, a.outcome, a.attempted_at FROM webhook_attempts a "
                        + "JOIN webhook_events v ON v.id = a.event_id WHERE v.project_id = ? AND v.account_id = ? "
                        + "ORDER BY a.id DESC LIMIT ?")) {
            statement.setString(1, projectId);
            statement.setString(2, accountId);
            statement.setInt(3, limit);
            List<DeliveryAttempt> attempts = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    int status = row.getInt(4);
                    OptionalInt statusCode = row.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
                    attempts.add(new DeliveryAttempt(row.getString(1), row.getString(2), row.getInt(3), statusCode,
                            Optional.ofNullable(row.getString(5)), row.getString(6), getInstant(row, 7)));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new StoreException("read an account's webhook deliveries", e);
        }
    }

    @Override
    public Redelivery redeliver(String projectId, String endpointId, String eventId, Instant now) {
        String ofProject = " AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE project_id = ?)";
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, () -> {
                // the attempt count goes on; the dispatcher gives up again after one failed attempt past the deadline
                int updated;
                try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_deliveries SET state = '"
                        + PENDING + "', next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL "
                        + "WHERE endpoint_id = ? AND event_id = ? AND state = '" + FAILED + "'" + ofProject)) {
                    setInstant(update, 1, now);
                    update.setString(2, endpointId);
                    update.setString(3, eventId);
                    update.setString(4, projectId);
                    updated = update.executeUpdate();
                }
                if (updated == 0) {
                    connection.rollback();
                    try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM webhook_deliveries "
                            + "WHERE endpoint_id = ? AND event_id = ?" + ofProject)) {
                        select.setString(1, endpointId);
                        select.setString(2, eventId);
                        select.setString(3, projectId);
                        try (ResultSet row = select.executeQuery()) {
                            return row.next() ? Redelivery.NOT_FAILED : Redelivery.NOT_FOUND;
                        }
                    }
                }
                audit.record(connection, new AuditTrail.Change(projectId, "webhook_delivery.redelivered", eventId,
                        Map.of("endpoint_id", endpointId)));
                return Redelivery.QUEUED;
            });
        } catch (SQLException e) {
            throw new StoreException("redeliver a webhook", e);
        }
    }

    @Override
    public List<String> failedEventIds(String endpointId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT event_id FROM webhook_deliveries "
                        + "WHERE endpoint_id = ? AND state = '" + FAILED + "' ORDER BY seq DESC LIMIT ?")) {
            statement.setString(1, endpointId);
            statement.setInt(2, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("read failed webhook deliveries", e);
        }
    }

    /** Forgets events older than {@code before} that no delivery waits for any more. */
    @Override
    public int purgeFinished(Instant before) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("DELETE FROM webhook_events v "
                        + "WHERE v.created_at < ? AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d "
                        + "WHERE d.event_id = v.id AND d.state = '" + PENDING + "')")) {
            setInstant(statement, 1, before);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge old webhook events", e);
        }
    }

    private static WebhookEndpoint readEndpoint(ResultSet row) throws SQLException {
        return new WebhookEndpoint(row.getString("id"), row.getString("project_id"), row.getString("url"),
                Optional.ofNullable(row.getString("description")), fromJson(row.getString("events"), STRING_LIST),
                fromJson(row.getString("headers"), STRING_MAP), row.getBytes("sealed_secret"),
                getInstant(row, "created_at"));
    }
}
