package org.connectorhub.hub.audit;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.fromJson;
import static org.connectorhub.hub.storage.Jdbc.getInstant;
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
import java.util.Optional;
import javax.sql.DataSource;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.hub.storage.AuditTrail;
import org.connectorhub.hub.storage.SqlFilter;
import org.connectorhub.hub.storage.StoreException;

/** Audit entries in {@code audit_trail}, on H2 or PostgreSQL. */
public final class JdbcAuditStore implements AuditStore {
    private static final String COLUMNS = "id, project_id, occurred_at, type, target_id, actor_kind, actor_id, "
            + "actor_owner, source_ip, changes";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private final DataSource dataSource;

    @Inject
    public JdbcAuditStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public void insert(Connection connection, AuditEntry entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO audit_trail (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            statement.setString(i++, entry.id());
            statement.setString(i++, entry.projectId());
            setInstant(statement, i++, entry.at());
            statement.setString(i++, cut(entry.type(), 60));
            statement.setString(i++, cut(entry.targetId(), 255));
            statement.setString(i++, entry.actor().kind().wireName());
            statement.setString(i++, cut(entry.actor().id(), 255));
            setString(statement, i++, entry.actorOwnerId().map(v -> cut(v, 255)));
            setString(statement, i++, entry.sourceIp().map(v -> cut(v, 64)));
            statement.setString(i, toJson(entry.changes()));
            statement.executeUpdate();
        }
    }

    @Override
    public void insert(AuditEntry entry) {
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, entry);
        } catch (SQLException e) {
            throw new StoreException("write an audit entry", e);
        }
    }

    @Override
    public List<AuditEntry> list(AuditQuery query) {
        // hub-wide changes (key rotation) belong to every project's trail
        SqlFilter filter = SqlFilter.select("SELECT " + COLUMNS + " FROM audit_trail WHERE project_id IN (?, ?)",
                query.projectId(), AuditTrail.HUB_SCOPE).equal("target_id", query.targetId());
        query.actor().ifPresent(v -> {
            int colon = v.indexOf(':');
            if (colon > 0) {
                filter.and("actor_kind = ? AND actor_id = ?", v.substring(0, colon), v.substring(colon + 1));
            } else {
                filter.and("actor_id = ?", v);
            }
        });
        filter.equal("type", query.type()).since("occurred_at", query.since()).until("occurred_at", query.until())
                .newestFirst(query.after().map(c -> new SqlFilter.Cursor(c.at(), c.id())), query.pageSize() + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(filter.sql())) {
            filter.bind(statement);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    entries.add(new AuditEntry(row.getString("id"), getInstant(row, "occurred_at"),
                            row.getString("project_id"), row.getString("type"), row.getString("target_id"),
                            new Caller(Caller.Kind.fromWireName(row.getString("actor_kind")), row.getString("actor_id")),
                            Optional.ofNullable(row.getString("actor_owner")),
                            Optional.ofNullable(row.getString("source_ip")),
                            fromJson(row.getString("changes"), MAP)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreException("read audit entries", e);
        }
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("DELETE FROM audit_trail WHERE id IN "
                        + "(SELECT id FROM audit_trail WHERE occurred_at < ? ORDER BY occurred_at LIMIT ?)")) {
            setInstant(statement, 1, cutoff);
            statement.setInt(2, limit);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("delete old audit entries", e);
        }
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
