package org.connectorhub.hub.agents;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.connectorhub.hub.storage.AuditTrail;
import org.connectorhub.hub.storage.StoreException;

/** Agent tokens in the {@code agent_tokens} table (migration V45); no cache, so a revocation holds at once. */
public final class JdbcAgentTokenStore implements AgentTokenStore {
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };
    private static final String COLUMNS = "id, project_id, account_id, origin_owner_id, name, allowed_actions, policy, "
            + "created_at, expires_at, revoked_at";

    private final DataSource dataSource;
    private final AuditTrail audit;

    public JdbcAgentTokenStore(DataSource dataSource) {
        this(dataSource, AuditTrail.NONE);
    }

    /** A store that writes an audit entry in the transaction of every token minted or revoked. */
    @Inject
    public JdbcAgentTokenStore(DataSource dataSource, AuditTrail audit) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Override
    public void insert(AgentToken token, String tokenHash) {
        String sql = "INSERT INTO agent_tokens (" + COLUMNS + ", token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, token.id());
                    statement.setString(2, token.projectId());
                    setString(statement, 3, token.accountId());
                    setString(statement, 4, token.originOwnerId());
                    setString(statement, 5, token.name());
                    setString(statement, 6, token.allowedActions().map(names -> toJson(names)));
                    statement.setString(7, toJson(token.policy().toJson()));
                    setInstant(statement, 8, token.createdAt());
                    setInstant(statement, 9, token.expiresAt());
                    setInstant(statement, 10, token.revokedAt());
                    statement.setString(11, tokenHash);
                    statement.executeUpdate();
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("account_id", token.accountId().orElse(null));
                    after.put("origin_owner_id", token.originOwnerId().orElse(null));
                    after.put("expires_at", token.expiresAt().toString());
                    audit.record(connection, new AuditTrail.Change(token.projectId(), "agent_token.created", token.id(),
                            Map.of("after", after)));
                    return null;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("store agent token " + token.id(), e);
        }
    }

    @Override
    public Optional<AgentToken> findByHash(String tokenHash) {
        requireNonNull(tokenHash, "tokenHash is null");
        List<AgentToken> found = query("SELECT " + COLUMNS + " FROM agent_tokens WHERE token_hash = ?",
                "find an agent token", statement -> statement.setString(1, tokenHash));
        return found.stream().findFirst();
    }

    @Override
    public List<AgentToken> list(String projectId, int limit) {
        requireNonNull(projectId, "projectId is null");
        return query("SELECT " + COLUMNS + " FROM agent_tokens WHERE project_id = ? ORDER BY created_at DESC, id "
                + "FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", "list agent tokens",
                statement -> statement.setString(1, projectId));
    }

    @Override
    public boolean revoke(String projectId, String tokenId, Instant at) {
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, () -> {
                boolean exists;
                try (PreparedStatement find = connection.prepareStatement(
                        "SELECT revoked_at FROM agent_tokens WHERE project_id = ? AND id = ?")) {
                    find.setString(1, projectId);
                    find.setString(2, tokenId);
                    try (ResultSet row = find.executeQuery()) {
                        exists = row.next();
                    }
                }
                if (exists) {
                    try (PreparedStatement update = connection.prepareStatement("UPDATE agent_tokens SET revoked_at = ? "
                            + "WHERE project_id = ? AND id = ? AND revoked_at IS NULL")) {
                        setInstant(update, 1, at);
                        update.setString(2, projectId);
                        update.setString(3, tokenId);
                        if (update.executeUpdate() > 0) {
                            audit.record(connection, new AuditTrail.Change(projectId, "agent_token.revoked", tokenId,
                                    Map.of()));
                        }
                    }
                }
                return exists;
            });
        } catch (SQLException e) {
            throw new StoreException("revoke agent token " + tokenId, e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<AgentToken> query(String sql, String what, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<AgentToken> tokens = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    tokens.add(read(row));
                }
            }
            return tokens;
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    private static AgentToken read(ResultSet row) throws SQLException {
        String allowed = row.getString("allowed_actions");
        boolean revoked = row.getObject("revoked_at") != null;
        return new AgentToken(row.getString("id"), row.getString("project_id"),
                Optional.ofNullable(row.getString("account_id")), Optional.ofNullable(row.getString("origin_owner_id")),
                Optional.ofNullable(row.getString("name")),
                Optional.ofNullable(allowed).map(json -> fromJson(json, STRING_LIST)),
                AgentPolicy.fromJson(fromJson(row.getString("policy"), OBJECT_MAP)),
                getInstant(row, "created_at"), getInstant(row, "expires_at"),
                !revoked ? Optional.empty() : Optional.of(getInstant(row, "revoked_at")));
    }
}
