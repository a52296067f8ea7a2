package org.connectorhub.hub.storage;

import static org.connectorhub.hub.storage.Jdbc.setInstant;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code SELECT ... WHERE} built from optional filters, with its parameters kept beside the text
 * so values never enter the SQL: {@code SqlFilter.select("SELECT ... WHERE project_id = ?", id)
 * .equal("account_id", query.accountId()).newestFirst(query.after(), pageSize + 1)}. Column names
 * come from the caller's code, never from a request.
 */
public final class SqlFilter {
    /** Where a page ended: the last row's time and id (keyset paging, newest first). */
    public record Cursor(Instant at, String id) {
    }

    private final StringBuilder sql;
    private final List<Object> parameters = new ArrayList<>();

    private SqlFilter(String select) {
        this.sql = new StringBuilder(select);
    }

    /** {@code select} ends in a condition with {@code ?} placeholders, one per value given. */
    public static SqlFilter select(String select, Object... values) {
        SqlFilter filter = new SqlFilter(select);
        filter.parameters.addAll(List.of(values));
        return filter;
    }

    /** {@code AND <condition>} with its values, whatever the query asked. */
    public SqlFilter and(String condition, Object... values) {
        sql.append(" AND ").append(condition);
        parameters.addAll(List.of(values));
        return this;
    }

    public SqlFilter equal(String column, Optional<String> value) {
        value.ifPresent(v -> and(column + " = ?", v));
        return this;
    }

    public SqlFilter since(String column, Optional<Instant> value) {
        value.ifPresent(v -> and(column + " >= ?", v));
        return this;
    }

    public SqlFilter until(String column, Optional<Instant> value) {
        value.ifPresent(v -> and(column + " < ?", v));
        return this;
    }

    /** Newest first by {@code occurred_at} then {@code id}, strictly after the cursor, at most {@code limit} rows. */
    public SqlFilter newestFirst(Optional<Cursor> after, int limit) {
        return newestFirst(after, limit, List.of());
    }

    /**
     * {@link #newestFirst(Optional, int)}, ordered first by {@code leading} columns the conditions
     * fix to one value each: the same order, but H2 then sees that an index starting with those
     * columns already holds the rows in order (it does not infer it from the equalities, sorts
     * instead, and so prefers another index).
     */
    public SqlFilter newestFirst(Optional<Cursor> after, int limit, List<String> leading) {
        // keyset: strictly older than the last entry shown, ties broken by id. A row comparison, not
        // "a < ? OR (a = ? AND b < ?)": PostgreSQL turns only the former into an index range, so a
        // page deep in a history is one index seek instead of a walk past every newer entry
        after.ifPresent(cursor -> and("(occurred_at, id) < (?, ?)", cursor.at(), cursor.id()));
        sql.append(" ORDER BY ");
        leading.forEach(column -> sql.append(column).append(", "));
        sql.append("occurred_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        return this;
    }

    /** Ordered by {@code id}, strictly after {@code after}, at most {@code limit} rows (keyset paging by id). */
    public SqlFilter idAscending(Optional<String> after, int limit) {
        after.ifPresent(id -> and("id > ?", id));
        sql.append(" ORDER BY id LIMIT ?");
        parameters.add(limit);
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    /** Sets the parameters in order: instants as UTC {@code OffsetDateTime}s, integers, text. */
    public void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof Instant instant) {
                setInstant(statement, i + 1, instant);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
    }
}
