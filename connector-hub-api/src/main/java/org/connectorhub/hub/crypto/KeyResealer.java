package org.connectorhub.hub.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.hub.storage.StoreException;

/**
 * Re-seals every stored secret that an older key sealed with the current primary key, row by row,
 * while the hub keeps serving: each row is written back only if nobody changed it meanwhile
 * (accounts: the optimistic version, which the re-seal bumps so a writer holding the old ciphertext
 * cannot put it back; other tables: the old ciphertext itself). Interrupted at any point, every
 * row holds either its old or its new ciphertext, and both open: run it again to finish.
 * Also counts the rows each key version still seals, so a key is retired only when unused.
 */
public final class KeyResealer {
    /** A column of sealed secrets whose associated data is the row id. */
    public record SealedColumn(String table, String idColumn, String sealedColumn, boolean versioned) {
        public SealedColumn {
            requireNonNull(table, "table is null");
            requireNonNull(idColumn, "idColumn is null");
            requireNonNull(sealedColumn, "sealedColumn is null");
        }
    }

    /** Every sealed column the hub knows; tables not (yet) in the database are skipped. */
    public static final List<SealedColumn> SEALED_COLUMNS = List.of(
            new SealedColumn("accounts", "id", "sealed_credentials", true),
            new SealedColumn("webhook_endpoints", "id", "sealed_secret", false),
            new SealedColumn("provider_event_subscriptions", "account_id", "sealed_password", false));

    /** What one pass did. {@code conflicts}: rows changed meanwhile, left for the next pass. */
    public record Result(long examined, long resealed, long conflicts) {
    }

    private static final int BATCH = 200;

    private final DataSource dataSource;
    private final SecretCipher cipher;
    private final IntSupplier primaryVersion;

    public KeyResealer(DataSource dataSource, SecretCipher cipher, IntSupplier primaryVersion) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.primaryVersion = requireNonNull(primaryVersion, "primaryVersion is null");
    }

    /** One pass over every sealed row; rows already under the primary key are left alone. */
    public Result resealAll() {
        return resealAll(Duration.ZERO, resealed -> { });
    }

    /**
     * One pass, pausing between re-sealed rows (to spare a busy database) and reporting the
     * running count of re-sealed rows after each one.
     */
    public Result resealAll(Duration pauseBetweenRows, LongConsumer progress) {
        requireNonNull(pauseBetweenRows, "pauseBetweenRows is null");
        requireNonNull(progress, "progress is null");
        int primary = primaryVersion.getAsInt();
        long examined = 0;
        long resealed = 0;
        long conflicts = 0;
        for (SealedColumn column : existingColumns()) {
            String after = "";
            while (true) {
                List<Row> rows = page(column, after);
                if (rows.isEmpty()) {
                    break;
                }
                for (Row row : rows) {
                    examined++;
                    if (cipher.keyVersionOf(row.sealed()) == primary) {
                        continue;
                    }
                    if (reseal(column, row)) {
                        resealed++;
                        progress.accept(resealed);
                        pause(pauseBetweenRows);
                    } else {
                        conflicts++;
                    }
                }
                after = rows.get(rows.size() - 1).id();
            }
        }
        return new Result(examined, resealed, conflicts);
    }

    /** Passes until no row is left under another key (or {@code maxPasses} ran); the rows left. */
    public long resealUntilDone(int maxPasses) {
        for (int pass = 0; pass < maxPasses; pass++) {
            if (resealAll().conflicts() == 0 && countOtherThanPrimary() == 0) {
                return 0;
            }
        }
        return countOtherThanPrimary();
    }

    /** Rows whose secret is sealed with this key version. */
    public long countSealedWith(int version) {
        long count = 0;
        for (SealedColumn column : existingColumns()) {
            String after = "";
            while (true) {
                List<Row> rows = page(column, after);
                if (rows.isEmpty()) {
                    break;
                }
                for (Row row : rows) {
                    if (cipher.keyVersionOf(row.sealed()) == version) {
                        count++;
                    }
                }
                after = rows.get(rows.size() - 1).id();
            }
        }
        return count;
    }

    /** Rows sealed with any key but the primary. */
    public long countOtherThanPrimary() {
        int primary = primaryVersion.getAsInt();
        long count = 0;
        for (SealedColumn column : existingColumns()) {
            String after = "";
            while (true) {
                List<Row> rows = page(column, after);
                if (rows.isEmpty()) {
                    break;
                }
                count += rows.stream().filter(r -> cipher.keyVersionOf(r.sealed()) != primary).count();
                after = rows.get(rows.size() - 1).id();
            }
        }
        return count;
    }

    private static void pause(Duration pause) {
        if (pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("re-seal interrupted", e);
        }
    }

    private record Row(String id, byte[] sealed, long version) {
    }

    private boolean reseal(SealedColumn column, Row row) {
        byte[] associatedData = row.id().getBytes(UTF_8);
        byte[] plaintext = cipher.open(row.sealed(), associatedData);
        byte[] sealed;
        try {
            sealed = cipher.seal(plaintext, associatedData);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        String sql = column.versioned()
                ? "UPDATE " + column.table() + " SET " + column.sealedColumn() + " = ?, key_version = ?, version = version + 1 "
                        + "WHERE " + column.idColumn() + " = ? AND version = ?"
                : "UPDATE " + column.table() + " SET " + column.sealedColumn() + " = ? "
                        + "WHERE " + column.idColumn() + " = ? AND " + column.sealedColumn() + " = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setBytes(1, sealed);
            if (column.versioned()) {
                statement.setInt(2, cipher.keyVersionOf(sealed));
                statement.setString(3, row.id());
                statement.setLong(4, row.version());
            } else {
                statement.setString(2, row.id());
                statement.setBytes(3, row.sealed());
            }
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("re-seal a row of " + column.table(), e);
        }
    }

    private List<Row> page(SealedColumn column, String afterId) {
        String sql = "SELECT " + column.idColumn() + ", " + column.sealedColumn()
                + (column.versioned() ? ", version" : "") + " FROM " + column.table()
                + " WHERE " + column.idColumn() + " > ? ORDER BY " + column.idColumn() + " LIMIT " + BATCH;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, afterId);
            try (ResultSet result = statement.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getBytes(2), column.versioned() ? result.getLong(3) : 0));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new StoreException("read sealed rows of " + column.table(), e);
        }
    }

    private List<SealedColumn> existingColumns() {
        List<SealedColumn> existing = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (SealedColumn column : SEALED_COLUMNS) {
                if (tableExists(meta, column.table())) {
                    existing.add(column);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("list the sealed tables", e);
        }
        return existing;
    }

    private static boolean tableExists(DatabaseMetaData meta, String table) throws SQLException {
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet tables = meta.getTables(null, null, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
