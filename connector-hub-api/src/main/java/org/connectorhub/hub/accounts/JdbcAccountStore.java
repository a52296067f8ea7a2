package org.connectorhub.hub.accounts;

import org.connectorhub.hub.storage.Jdbc;
import org.connectorhub.hub.storage.StoreException;
import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.fromJson;
import static org.connectorhub.hub.storage.Jdbc.getInstant;
import static org.connectorhub.hub.storage.Jdbc.inTransaction;
import static org.connectorhub.hub.storage.Jdbc.micros;
import static org.connectorhub.hub.storage.Jdbc.setInstant;
import static org.connectorhub.hub.storage.Jdbc.setString;
import static org.connectorhub.hub.storage.Jdbc.toJson;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.DuplicateAccountException;
import org.connectorhub.core.domain.ImmutableLinkedAccount;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.Page;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.StatusReason;
import org.connectorhub.core.domain.VersionConflictException;
import org.connectorhub.core.port.out.AccountStore;
import org.connectorhub.core.port.out.SecretCipher;

/**
 * Linked accounts in a relational database (H2 or PostgreSQL). Credentials arrive and leave
 * sealed; this class never sees plaintext. A unique constraint keeps one row per provider account
 * and owner; updates are guarded by the optimistic version.
 */
public final class JdbcAccountStore implements AccountStore {
    private static final String COLUMNS = "id, project_id, provider, origin_owner_id, origin_owner_name, "
            + "origin_username, label, metadata, status, status_reasons, account_mode, scopes, "
            + "provider_account_id, provider_account_name, credential_fields, sealed_credentials, key_version, "
            + "created_at, updated_at, last_verified_at, version";
    // H2 caps VARCHAR without a length at 1,000,000 characters
    private static final int MAX_TEXT = 100_000;
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, String>>> REASON_LIST = new TypeReference<>() { };

    private final DataSource dataSource;
    private final Optional<ToIntFunction<byte[]>> keyVersionOf;
    private final AccountChangeListener listener;

    /** A store that leaves {@code key_version} empty (it does not know the cipher). */
    public JdbcAccountStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.keyVersionOf = Optional.empty();
        this.listener = AccountChangeListener.NONE;
    }

    /** A store that records the key version of each sealed credential, for later re-sealing. */
    public JdbcAccountStore(DataSource dataSource, SecretCipher cipher) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        requireNonNull(cipher, "cipher is null");
        this.keyVersionOf = Optional.of(cipher::keyVersionOf);
        this.listener = AccountChangeListener.NONE;
    }

    private JdbcAccountStore(DataSource dataSource, Optional<ToIntFunction<byte[]>> keyVersionOf,
            AccountChangeListener listener) {
        this.dataSource = dataSource;
        this.keyVersionOf = keyVersionOf;
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** This store, telling {@code listener} about each change inside the transaction that makes it. */
    public JdbcAccountStore withChangeListener(AccountChangeListener listener) {
        return new JdbcAccountStore(dataSource, keyVersionOf, listener);
    }

    @Override
    public LinkedAccount insert(LinkedAccount account) {
        requireNonNull(account, "account is null");
        checkStorable(account);
        ImmutableLinkedAccount stored = normalized(account);
        String sql = "INSERT INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, () -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, stored.id());
                    statement.setString(2, stored.projectId());
                    int next = bindValues(statement, stored, 3);
                    statement.setLong(next, stored.version());
                    statement.executeUpdate();
                }
                listener.changed(connection, Optional.empty(), Optional.of(stored));
                return stored;
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw new DuplicateAccountException("The " + stored.provider() + " account "
                        + stored.providerAccount().id() + " is already linked for this owner");
            }
            if (Jdbc.isForeignKeyViolation(e)) {
                throw new IllegalArgumentException("unknown project " + stored.projectId());
            }
            if (Jdbc.isDataException(e)) {
                throw new InvalidInputException("a value of the account cannot be stored (too long or invalid)", List.of());
            }
            throw new StoreException("insert an account", e);
        }
    }

    @Override
    public LinkedAccount update(LinkedAccount account, long expectedVersion) {
        requireNonNull(account, "account is null");
        checkStorable(account);
        ImmutableLinkedAccount stored = normalized(account).withVersion(expectedVersion + 1);
        String sql = "UPDATE accounts SET provider = ?, origin_owner_id = ?, origin_owner_name = ?, origin_username = ?, "
                + "label = ?, metadata = ?, status = ?, status_reasons = ?, account_mode = ?, scopes = ?, "
                + "provider_account_id = ?, provider_account_name = ?, credential_fields = ?, sealed_credentials = ?, "
                + "key_version = ?, created_at = ?, updated_at = ?, last_verified_at = ?, version = ? "
                + "WHERE id = ? AND project_id = ? AND version = ?";
        int updated;
        try (Connection connection = dataSource.getConnection()) {
            updated = inTransaction(connection, () -> {
                int count;
                Optional<LinkedAccount> before = lockedRow(connection, stored.projectId(), stored.id());
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    int next = bindValues(statement, stored, 1);
                    statement.setLong(next++, stored.version());
                    statement.setString(next++, stored.id());
                    statement.setString(next++, stored.projectId());
                    statement.setLong(next, expectedVersion);
                    count = statement.executeUpdate();
                }
                if (count == 1) {
                    listener.changed(connection, before, Optional.of(stored));
                }
                return count;
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw new DuplicateAccountException("The " + stored.provider() + " account "
                        + stored.providerAccount().id() + " is already linked for this owner");
            }
            if (Jdbc.isDataException(e)) {
                throw new InvalidInputException("a value of the account cannot be stored (too long or invalid)", List.of());
            }
            throw new StoreException("update an account", e);
        }
        if (updated == 1) {
            return stored;
        }
        Optional<Long> current = currentVersion(stored.projectId(), stored.id());
        if (current.isEmpty()) {
            throw new AccountNotFoundException("No account " + stored.id());
        }
        throw new VersionConflictException("Account " + stored.id() + " is at version " + current.get()
                + ", not " + expectedVersion + "; it was changed meanwhile");
    }

    @Override
    public Optional<LinkedAccount> find(String projectId, String accountId) {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        return queryOne("SELECT " + COLUMNS + " FROM accounts WHERE id = ? AND project_id = ?",
                "find an account", accountId, projectId);
    }

    @Override
    public Optional<LinkedAccount> findByProviderAccount(
            String projectId, String originOwnerId, String provider, String providerAccountId) {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(originOwnerId, "originOwnerId is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(providerAccountId, "providerAccountId is null");
        return queryOne("SELECT " + COLUMNS + " FROM accounts WHERE project_id = ? AND origin_owner_id = ? "
                        + "AND provider = ? AND provider_account_id = ?",
                "find an account by provider account", projectId, originOwnerId, provider, providerAccountId);
    }

    @Override
    public Page<LinkedAccount> list(AccountQuery query) {
        requireNonNull(query, "query is null");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM accounts WHERE project_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.projectId());
        query.originOwnerId().ifPresent(owner -> {
            sql.append(" AND origin_owner_id = ?");
            parameters.add(owner);
        });
        query.provider().ifPresent(provider -> {
            sql.append(" AND provider = ?");
            parameters.add(provider);
        });
        query.status().ifPresent(status -> {
            sql.append(" AND status = ?");
            parameters.add(status.wireName());
        });
        query.cursor().ifPresent(cursor -> {
            sql.append(" AND id > ?");
            parameters.add(cursor);
        });
        // Ordering by the index's own columns (equal in the WHERE) lets H2 and PostgreSQL walk the
        // (project_id, origin_owner_id, id) or (project_id, id) index instead of sorting every
        // remaining row: the same order as by id alone. One more than asked tells whether there is
        // a next page.
        sql.append(query.originOwnerId().isPresent() ? " ORDER BY project_id, origin_owner_id, id LIMIT ?"
                : " ORDER BY project_id, id LIMIT ?");
        parameters.add(query.pageSize() + 1);
        List<LinkedAccount> rows = queryMany(sql.toString(), "list accounts", parameters.toArray());
        if (rows.size() <= query.pageSize()) {
            return new Page<>(rows, Optional.empty());
        }
        List<LinkedAccount> page = rows.subList(0, query.pageSize());
        return new Page<>(page, Optional.of(page.get(page.size() - 1).id()));
    }

    @Override
    public boolean delete(String projectId, String accountId) {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, () -> {
                boolean deleted;
                Optional<LinkedAccount> before = lockedRow(connection, projectId, accountId);
                try (PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM accounts WHERE id = ? AND project_id = ?")) {
                    statement.setString(1, accountId);
                    statement.setString(2, projectId);
                    deleted = statement.executeUpdate() > 0;
                }
                if (deleted && before.isPresent()) {
                    listener.changed(connection, before, Optional.empty());
                }
                return deleted;
            });
        } catch (SQLException e) {
            throw new StoreException("delete an account", e);
        }
    }

    /** How many accounts hold credentials sealed with a key version other than {@code version}. */
    public long countSealedWithOtherKeyVersion(int version) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM accounts WHERE key_version IS NULL OR key_version <> ?")) {
            statement.setInt(1, version);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("count accounts by key version", e);
        }
    }

    /**
     * Up to {@code limit} accounts of any project whose credentials were sealed with a key version
     * other than {@code version} (or an unrecorded one), after {@code afterId}, ordered by id: the
     * work list of a re-sealing job after a key rotation.
     */
    public List<LinkedAccount> findSealedWithOtherKeyVersion(int version, Optional<String> afterId, int limit) {
        requireNonNull(afterId, "afterId is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return queryMany("SELECT " + COLUMNS + " FROM accounts WHERE (key_version IS NULL OR key_version <> ?) "
                        + "AND id > ? ORDER BY id LIMIT ?",
                "find accounts to re-seal", version, afterId.orElse(""), limit);
    }

    /**
     * Refuses values the columns cannot hold, naming the field, so bad input is an input error and
     * never a database failure. PostgreSQL text cannot hold NUL characters; H2 could, but both behave alike.
     */
    private static void checkStorable(LinkedAccount account) {
        checkText("id", account.id(), 64);
        checkText("project_id", account.projectId(), 64);
        checkText("provider", account.provider(), 100);
        checkText("origin_owner_id", account.originOwnerId(), 255);
        checkText("origin_owner_name", account.originOwnerName(), MAX_TEXT);
        account.originUsername().ifPresent(value -> checkText("origin_username", value, MAX_TEXT));
        account.label().ifPresent(value -> checkText("label", value, MAX_TEXT));
        checkText("provider_account.id", account.providerAccount().id(), 255);
        checkText("provider_account.name", account.providerAccount().name(), MAX_TEXT);
        if (toJson(account.metadata()).length() > MAX_TEXT) {
            throw InvalidInputException.onField("metadata", "metadata is too large (at most " + MAX_TEXT + " characters)");
        }
    }

    private static void checkText(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw InvalidInputException.onField(field, field + " is too long (at most " + maxLength + " characters)");
        }
        if (value.indexOf(0) >= 0) {
            throw InvalidInputException.onField(field, field + " must not contain NUL characters");
        }
    }

    // binds provider .. last_verified_at (18 columns) from index `first`; returns the next index
    private int bindValues(PreparedStatement statement, LinkedAccount account, int first) throws SQLException {
        int i = first;
        statement.setString(i++, account.provider());
        statement.setString(i++, account.originOwnerId());
        statement.setString(i++, account.originOwnerName());
        setString(statement, i++, account.originUsername());
        setString(statement, i++, account.label());
        statement.setString(i++, toJson(account.metadata()));
        statement.setString(i++, account.status().wireName());
        statement.setString(i++, toJson(reasonsToJson(account.statusReasons())));
        statement.setString(i++, account.mode().wireName());
        statement.setString(i++, toJson(new TreeSet<>(account.scopes())));
        statement.setString(i++, account.providerAccount().id());
        statement.setString(i++, account.providerAccount().name());
        statement.setString(i++, toJson(new TreeSet<>(account.credentialFields())));
        statement.setBytes(i++, account.sealedCredentials());
        if (keyVersionOf.isPresent()) {
            statement.setInt(i++, keyVersionOf.get().applyAsInt(account.sealedCredentials()));
        } else {
            statement.setNull(i++, Types.INTEGER);
        }
        setInstant(statement, i++, account.createdAt());
        setInstant(statement, i++, account.updatedAt());
        setInstant(statement, i++, account.lastVerifiedAt());
        return i;
    }


    /** The row as it is before the change, locked until the transaction ends. */
    private static Optional<LinkedAccount> lockedRow(Connection connection, String projectId, String accountId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM accounts WHERE id = ? AND project_id = ? FOR UPDATE")) {
            statement.setString(1, accountId);
            statement.setString(2, projectId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private Optional<Long> currentVersion(String projectId, String accountId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT version FROM accounts WHERE id = ? AND project_id = ?")) {
            statement.setString(1, accountId);
            statement.setString(2, projectId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("read an account version", e);
        }
    }

    private Optional<LinkedAccount> queryOne(String sql, String operation, Object... parameters) {
        List<LinkedAccount> rows = queryMany(sql, operation, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<LinkedAccount> queryMany(String sql, String operation, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<LinkedAccount> accounts = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    accounts.add(read(row));
                }
            }
            return accounts;
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    private static LinkedAccount read(ResultSet row) throws SQLException {
        return LinkedAccount.builder()
                .id(row.getString("id"))
                .projectId(row.getString("project_id"))
                .provider(row.getString("provider"))
                .originOwnerId(row.getString("origin_owner_id"))
                .originOwnerName(row.getString("origin_owner_name"))
                .originUsername(Optional.ofNullable(row.getString("origin_username")))
                .label(Optional.ofNullable(row.getString("label")))
                .metadata(fromJson(row.getString("metadata"), STRING_MAP))
                .status(AccountStatus.fromWireName(row.getString("status")))
                .statusReasons(reasonsFromJson(row.getString("status_reasons")))
                .mode(Mode.fromWireName(row.getString("account_mode")))
                .scopes(fromJson(row.getString("scopes"), STRING_LIST))
                .providerAccount(new ProviderAccount(row.getString("provider_account_id"),
                        row.getString("provider_account_name")))
                .credentialFields(fromJson(row.getString("credential_fields"), STRING_LIST))
                .sealedCredentials(row.getBytes("sealed_credentials"))
                .createdAt(getInstant(row, "created_at"))
                .updatedAt(getInstant(row, "updated_at"))
                .lastVerifiedAt(Optional.ofNullable(getInstant(row, "last_verified_at")))
                .version(row.getLong("version"))
                .build();
    }

    /** The account as it will read back: timestamps at microsecond precision. */
    private static ImmutableLinkedAccount normalized(LinkedAccount account) {
        return LinkedAccount.builder()
                .from(account)
                .createdAt(micros(account.createdAt()))
                .updatedAt(micros(account.updatedAt()))
                .lastVerifiedAt(account.lastVerifiedAt().map(Jdbc::micros))
                .build();
    }

    private static List<Map<String, String>> reasonsToJson(List<StatusReason> reasons) {
        List<Map<String, String>> json = new ArrayList<>();
        for (StatusReason reason : reasons) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("code", reason.code());
            entry.put("description", reason.description());
            entry.put("at", reason.at().toString());
            reason.by().ifPresent(by -> entry.put("by", by));
            json.add(entry);
        }
        return json;
    }

    private static List<StatusReason> reasonsFromJson(String text) {
        List<StatusReason> reasons = new ArrayList<>();
        for (Map<String, String> entry : fromJson(text, REASON_LIST)) {
            reasons.add(new StatusReason(entry.get("code"), entry.get("description"), Instant.parse(entry.get("at")),
                    Optional.ofNullable(entry.get("by"))));
        }
        return reasons;
    }
}
