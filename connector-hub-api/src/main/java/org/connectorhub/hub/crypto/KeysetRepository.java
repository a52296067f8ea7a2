package org.connectorhub.hub.crypto;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.inTransaction;
import static org.connectorhub.hub.storage.Jdbc.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.connectorhub.hub.storage.SqlStates;
import org.connectorhub.hub.storage.ChangeNotices;
import org.connectorhub.hub.storage.StoreException;

/**
 * Keeps the encrypted data keyset in the database (table {@code keysets}), so every hub on one
 * database shares it. Changes are guarded by a revision number: two hubs rotating at once cannot
 * lose each other's key. Holds only ciphertext; decrypting is the cipher's job.
 */
public final class KeysetRepository {
    public static final String DEFAULT_NAME = "credentials";
    /** The table named in change notices ({@code keysets:<name>}). */
    public static final String TABLE = "keysets";

    private final DataSource dataSource;
    private final String name;

    public KeysetRepository(DataSource dataSource) {
        this(dataSource, DEFAULT_NAME);
    }

    public KeysetRepository(DataSource dataSource, String name) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.name = requireNonNull(name, "name is null");
    }

    /** The stored keyset: its encrypted bytes, its key log (authenticated by the cipher) and revision. */
    public record StoredKeyset(byte[] encryptedKeyset, String keyLog, long revision) {
        public StoredKeyset {
            requireNonNull(encryptedKeyset, "encryptedKeyset is null");
            requireNonNull(keyLog, "keyLog is null");
        }

        @Override
        public String toString() {
            return "StoredKeyset[revision=" + revision + ", " + encryptedKeyset.length + " bytes]";
        }
    }

    public String name() {
        return name;
    }

    public Optional<StoredKeyset> load() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT encrypted_keyset, key_log, revision FROM keysets WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredKeyset(row.getBytes(1), row.getString(2), row.getLong(3)));
            }
        } catch (SQLException e) {
            throw new StoreException("load the keyset", e);
        }
    }

    /** The stored revision, or empty when there is no keyset yet; cheap, for change checks. */
    public Optional<Long> revision() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT revision FROM keysets WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("read the keyset revision", e);
        }
    }

    /**
     * Whether credentials sealed with this keyset may already exist: true when this is the
     * accounts' keyset and there are accounts. A missing keyset must then not be replaced by a new one.
     */
    public boolean sealedDataExists() {
        if (!name.equals(DEFAULT_NAME)) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM accounts");
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1) > 0;
        } catch (SQLException e) {
            throw new StoreException("count sealed accounts", e);
        }
    }

    /** Stores the first keyset at revision 1; false when another hub stored one first. */
    public boolean insert(byte[] encryptedKeyset, String keyLog) {
        requireNonNull(encryptedKeyset, "encryptedKeyset is null");
        requireNonNull(keyLog, "keyLog is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "INSERT INTO keysets (name, encrypted_keyset, key_log, revision, updated_at) VALUES (?, ?, ?, 1, ?)")) {
            statement.setString(1, name);
            statement.setBytes(2, encryptedKeyset);
            statement.setString(3, keyLog);
            setInstant(statement, 4, Instant.now());
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (SqlStates.isUniqueViolation(e)) {
                return false;
            }
            throw new StoreException("store the keyset", e);
        }
    }

    /** Replaces the keyset if it is still at {@code expectedRevision}; false when it changed meanwhile. */
    public boolean update(byte[] encryptedKeyset, String keyLog, long expectedRevision) {
        requireNonNull(encryptedKeyset, "encryptedKeyset is null");
        requireNonNull(keyLog, "keyLog is null");
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, () -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "UPDATE keysets SET encrypted_keyset = ?, key_log = ?, revision = ?, updated_at = ? "
                                + "WHERE name = ? AND revision = ?")) {
                    statement.setBytes(1, encryptedKeyset);
                    statement.setString(2, keyLog);
                    statement.setLong(3, expectedRevision + 1);
                    setInstant(statement, 4, Instant.now());
                    statement.setString(5, name);
                    statement.setLong(6, expectedRevision);
                    boolean updated = statement.executeUpdate() == 1;
                    if (updated) {
                        // other hubs hear of the rotation (today they also check the revision before each seal)
                        ChangeNotices.send(connection, TABLE, name);
                    }
                    return updated;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("update the keyset", e);
        }
    }
}
