package org.connectorhub.hub.sessions;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.fromJson;
import static org.connectorhub.hub.storage.Jdbc.getInstant;
import static org.connectorhub.hub.storage.Jdbc.inTransaction;
import static org.connectorhub.hub.storage.Jdbc.setInstant;
import static org.connectorhub.hub.storage.Jdbc.setString;
import static org.connectorhub.hub.storage.Jdbc.toJson;

import com.fasterxml.jackson.core.type.TypeReference;
import com.google.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.connectorhub.hub.storage.StoreException;
import org.connectorhub.hub.storage.AuditTrail;

/** Connect sessions in the {@code connect_sessions} table (migration V10). */
public final class JdbcSessionStore implements SessionStore {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final DataSource dataSource;
    private final AuditTrail audit;

    public JdbcSessionStore(DataSource dataSource) {
        this(dataSource, AuditTrail.NONE);
    }

    /** A store that writes an audit entry in the transaction of every session created. */
    @Inject
    public JdbcSessionStore(DataSource dataSource, AuditTrail audit) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Override
    public void insert(ConnectSession session, String tokenHash) {
        String sql = "INSERT INTO connect_sessions (id, token_hash, project_id, origin_owner_id, origin_owner_name, "
                + "origin_username, provider, account_id, metadata, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, session.id());
                    statement.setString(2, tokenHash);
                    statement.setString(3, session.projectId());
                    statement.setString(4, session.originOwnerId());
                    statement.setString(5, session.originOwnerName());
                    setString(statement, 6, session.originUsername());
                    setString(statement, 7, session.provider());
                    setString(statement, 8, session.accountId());
                    statement.setString(9, toJson(session.metadata()));
                    setInstant(statement, 10, session.createdAt());
                    setInstant(statement, 11, session.expiresAt());
                    statement.executeUpdate();
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("origin_owner_id", session.originOwnerId());
                    after.put("provider", session.provider().orElse(null));
                    after.put("account_id", session.accountId().orElse(null));
                    after.put("expires_at", session.expiresAt().toString());
                    audit.record(connection, new AuditTrail.Change(session.projectId(), "connect_session.created", session.id(),
                            Map.of("after", after)));
                    return null;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("store connect session " + session.id(), e);
        }
    }

    /** Deletes sessions that expired before {@code before}; returns how many. */
    public int purgeExpired(Instant before) {
        return update("DELETE FROM connect_sessions WHERE expires_at < ?", before);
    }

    @Override
    public Optional<ConnectSession> findByTokenHash(String tokenHash) {
        String sql = "SELECT id, project_id, origin_owner_id, origin_owner_name, origin_username, provider, account_id, "
                + "metadata, created_at, expires_at, used_at, linked_account_id FROM connect_sessions WHERE token_hash = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tokenHash);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ConnectSession(row.getString("id"), row.getString("project_id"),
                        row.getString("origin_owner_id"), row.getString("origin_owner_name"),
                        Optional.ofNullable(row.getString("origin_username")),
                        Optional.ofNullable(row.getString("provider")),
                        Optional.ofNullable(row.getString("account_id")),
                        fromJson(row.getString("metadata"), STRING_MAP),
                        getInstant(row, "created_at"), getInstant(row, "expires_at"),
                        Optional.ofNullable(getInstant(row, "used_at")),
                        Optional.ofNullable(row.getString("linked_account_id"))));
            }
        } catch (SQLException e) {
            throw new StoreException("read a connect session", e);
        }
    }

    @Override
    public boolean claim(String sessionId, Instant at) {
        return update("UPDATE connect_sessions SET used_at = ? WHERE id = ? AND used_at IS NULL",
                at, sessionId) == 1;
    }

    @Override
    public void release(String sessionId) {
        update("UPDATE connect_sessions SET used_at = NULL WHERE id = ? AND linked_account_id IS NULL", sessionId);
    }

    @Override
    public void linked(String sessionId, String accountId) {
        update("UPDATE connect_sessions SET linked_account_id = ? WHERE id = ?", accountId, sessionId);
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Instant instant) {
                    setInstant(statement, i + 1, instant);
                } else {
                    statement.setString(i + 1, (String) parameters[i]);
                }
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("update a connect session", e);
        }
    }
}
