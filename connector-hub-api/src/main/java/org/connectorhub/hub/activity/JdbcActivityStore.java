package org.connectorhub.hub.activity;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.hub.storage.SqlFilter;
import org.connectorhub.hub.storage.StoreException;

/** Activity entries in {@code activity_log}, on H2 or PostgreSQL. */
public final class JdbcActivityStore implements ActivityStore {
    private static final String COLUMNS = "id, project_id, account_id, occurred_at, provider, kind, what, caller_kind, "
            + "caller_id, status, code, duration_micros, provider_ids, idempotency_key, replay, request_body, response_body";
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final DataSource dataSource;

    @Inject
    public JdbcActivityStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public void insert(List<ActivityEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                try (PreparedStatement statement = connection.prepareStatement("INSERT INTO activity_log (" + COLUMNS
                        + ", failed_account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (ActivityEntry entry : entries) {
                        int i = 1;
                        statement.setString(i++, entry.id());
                        statement.setString(i++, entry.projectId());
                        statement.setString(i++, entry.accountId());
                        setInstant(statement, i++, entry.at());
                        statement.setString(i++, cut(entry.provider(), 100));
                        statement.setString(i++, cut(entry.kind(), 20));
                        statement.setString(i++, cut(entry.what(), 200));
                        statement.setString(i++, entry.caller().kind().wireName());
                        statement.setString(i++, cut(entry.caller().id(), 255));
                        statement.setInt(i++, entry.status());
                        setString(statement, i++, entry.code().map(c -> cut(c, 100)));
                        statement.setLong(i++, entry.durationMicros());
                        statement.setString(i++, toJson(entry.providerIds()));
                        setString(statement, i++, entry.idempotencyKey().map(k -> cut(k, 255)));
                        statement.setBoolean(i++, entry.replay());
                        setString(statement, i++, entry.requestBody());
                        setString(statement, i++, entry.responseBody());
                        // set on failures only, so successes share one spot of the failures index (V60)
                        statement.setString(i, entry.ok() ? null : entry.accountId());
                        statement.addBatch();
                    }
                    statement.executeBatch();
                    return null;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("write activity entries", e);
        }
    }

    @Override
    public Optional<ActivityEntry> find(String projectId, String id) {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(id, "id is null");
        List<ActivityEntry> rows = query(SqlFilter.select("SELECT " + COLUMNS + " FROM activity_log WHERE id = ? AND project_id = ?",
                id, projectId));
        return rows.stream().findFirst();
    }

    @Override
    public List<ActivityEntry> list(ActivityQuery query) {
        requireNonNull(query, "query is null");
        return query(listFilter(query));
    }

    /** The query {@link #list} runs (the plan test reads it). */
    static SqlFilter listFilter(ActivityQuery query) {
        SqlFilter filter = SqlFilter.select("SELECT " + COLUMNS + " FROM activity_log WHERE project_id = ?", query.projectId())
                .equal("account_id", query.accountId())
                .equal("provider", query.provider())
                .equal("what", query.what());
        query.status().ifPresent(v -> filter.and("status = ?", v));
        List<String> leading = List.of();
        if (query.accountId().isPresent() && query.status().isPresent()
                && query.status().getAsInt() >= ActivityEntry.FIRST_FAILURE_STATUS) {
            // an account's failures: the failures index (V60), not a walk past the account's successes
            filter.and("failed_account_id = ?", query.accountId().get());
            leading = List.of("project_id", "failed_account_id", "status");
        }
        return filter.since("occurred_at", query.since()).until("occurred_at", query.until())
                .newestFirst(query.after().map(c -> new SqlFilter.Cursor(c.at(), c.id())), query.pageSize() + 1, leading);
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("DELETE FROM activity_log WHERE id IN "
                        + "(SELECT id FROM activity_log WHERE occurred_at < ? ORDER BY occurred_at LIMIT ?)")) {
            setInstant(statement, 1, cutoff);
            statement.setInt(2, limit);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("delete old activity entries", e);
        }
    }

    private List<ActivityEntry> query(SqlFilter filter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(filter.sql())) {
            filter.bind(statement);
            List<ActivityEntry> entries = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    entries.add(entry(row));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreException("read activity entries", e);
        }
    }

    private static ActivityEntry entry(ResultSet row) throws SQLException {
        return new ActivityEntry(
                row.getString("id"),
                getInstant(row, "occurred_at"),
                row.getString("project_id"),
                row.getString("account_id"),
                row.getString("provider"),
                row.getString("kind"),
                row.getString("what"),
                new Caller(Caller.Kind.fromWireName(row.getString("caller_kind")), row.getString("caller_id")),
                row.getInt("status"),
                Optional.ofNullable(row.getString("code")),
                row.getLong("duration_micros"),
                fromJson(row.getString("provider_ids"), STRING_MAP),
                Optional.ofNullable(row.getString("idempotency_key")),
                row.getBoolean("replay"),
                Optional.ofNullable(row.getString("request_body")),
                Optional.ofNullable(row.getString("response_body")));
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
