package org.connectorhub.hub.storage;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Copies a hub's durable data (projects, API key hashes, the encrypted keyset, sealed accounts)
 * from one database to another, e.g. from the embedded H2 store to PostgreSQL. Nothing is
 * decrypted: the target needs the same master key. Rows already in the target (same primary
 * key) are left alone, so running it again is harmless. Both databases must be migrated first.
 */
public final class StoreCopier {
    private static final List<Table> TABLES = List.of(
            new Table("projects", "id", List.of("id", "name", "allowed_origins", "created_at")),
            new Table("api_keys", "hash", List.of("hash", "project_id", "created_at", "id", "prefix", "last_used_at")),
            new Table("keysets", "name", List.of("name", "encrypted_keyset", "key_log", "revision", "updated_at")),
            new Table("accounts", "id", List.of("id", "project_id", "provider", "origin_owner_id", "origin_owner_name",
                    "origin_username", "label", "metadata", "status", "status_reasons", "account_mode", "scopes",
                    "provider_account_id", "provider_account_name", "credential_fields", "sealed_credentials",
                    "key_version", "created_at", "updated_at", "last_verified_at", "version")));

    private final DataSource source;
    private final DataSource target;

    public StoreCopier(DataSource source, DataSource target) {
        this.source = requireNonNull(source, "source is null");
        this.target = requireNonNull(target, "target is null");
    }

    /** Rows copied and rows the target had already, for one table. */
    public record TableCount(String table, long copied, long skipped) {
    }

    /** What a copy did, table by table, in copy order. */
    public record Report(List<TableCount> tables) {
        public Report {
            tables = List.copyOf(tables);
        }

        public long copied(String table) {
            return tables.stream().filter(count -> count.table().equals(table)).mapToLong(TableCount::copied).sum();
        }

        public long skipped(String table) {
            return tables.stream().filter(count -> count.table().equals(table)).mapToLong(TableCount::skipped).sum();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (TableCount count : tables) {
                text.append(count.table()).append(": ").append(count.copied()).append(" copied, ")
                        .append(count.skipped()).append(" already there\n");
            }
            return text.toString();
        }
    }

    /**
     * Copies everything. A target that already holds a different keyset is refused, unless it has no
     * accounts yet (a hub was only started on it): then the source keyset replaces it.
     */
    public Report copy() {
        try (Connection from = source.getConnection(); Connection to = target.getConnection()) {
            reconcileKeysets(from, to);
            Map<String, TableCount> counts = new LinkedHashMap<>();
            for (Table table : TABLES) {
                counts.put(table.name(), copyTable(table, from, to));
            }
            return new Report(List.copyOf(counts.values()));
        } catch (SQLException e) {
            throw new StoreException("copy the store", e);
        }
    }

    private static void reconcileKeysets(Connection from, Connection to) throws SQLException {
        try (PreparedStatement sourceKeysets = from.prepareStatement("SELECT name, encrypted_keyset FROM keysets");
                ResultSet rows = sourceKeysets.executeQuery()) {
            while (rows.next()) {
                String name = rows.getString(1);
                Optional<byte[]> existing = keyset(to, name);
                if (existing.isEmpty() || Arrays.equals(existing.get(), rows.getBytes(2))) {
                    continue;
                }
                if (count(to, "accounts") > 0) {
                    throw new IllegalStateException("the target database already has its own keyset \"" + name
                            + "\" and accounts sealed with it; copying would leave accounts that cannot be opened");
                }
                try (PreparedStatement delete = to.prepareStatement("DELETE FROM keysets WHERE name = ?")) {
                    delete.setString(1, name);
                    delete.executeUpdate();
                }
            }
        }
    }

    private static TableCount copyTable(Table table, Connection from, Connection to) throws SQLException {
        String columns = String.join(", ", table.columns());
        String placeholders = String.join(", ", table.columns().stream().map(column -> "?").toList());
        long copied = 0;
        long skipped = 0;
        try (PreparedStatement read = from.prepareStatement(
                        "SELECT " + columns + " FROM " + table.name() + " ORDER BY " + table.key());
                PreparedStatement exists = to.prepareStatement(
                        "SELECT COUNT(*) FROM " + table.name() + " WHERE " + table.key() + " = ?");
                PreparedStatement insert = to.prepareStatement(
                        "INSERT INTO " + table.name() + " (" + columns + ") VALUES (" + placeholders + ")")) {
            read.setFetchSize(500);
            try (ResultSet row = read.executeQuery()) {
                while (row.next()) {
                    exists.setString(1, row.getString(table.key()));
                    boolean present;
                    try (ResultSet found = exists.executeQuery()) {
                        found.next();
                        present = found.getLong(1) > 0;
                    }
                    if (present) {
                        skipped++;
                        continue;
                    }
                    for (int i = 1; i <= table.columns().size(); i++) {
                        bind(row, insert, i);
                    }
                    insert.executeUpdate();
                    copied++;
                }
            }
        }
        return new TableCount(table.name(), copied, skipped);
    }

    private static void bind(ResultSet row, PreparedStatement insert, int index) throws SQLException {
        int type = row.getMetaData().getColumnType(index);
        switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> {
                OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
                if (value == null) {
                    insert.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    insert.setObject(index, value);
                }
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> insert.setBytes(index, row.getBytes(index));
            default -> {
                Object value = row.getObject(index);
                if (value == null) {
                    insert.setNull(index, type);
                } else {
                    insert.setObject(index, value);
                }
            }
        }
    }

    private static Optional<byte[]> keyset(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT encrypted_keyset FROM keysets WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private record Table(String name, String key, List<String> columns) {
    }

    /** Whether the database holds a hub schema (its {@code projects} table), in either case. */
    public static boolean isHubDatabase(Database database) {
        try (Connection connection = database.dataSource().getConnection()) {
            for (String name : new String[] {"projects", "PROJECTS"}) {
                try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new StoreException("inspect the source database", e);
        }
    }
}
