package org.connectorhub.hub.providerevents;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.fromJson;
import static org.connectorhub.hub.storage.Jdbc.inTransaction;
import static org.connectorhub.hub.storage.Jdbc.setInstant;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.connectorhub.hub.storage.Jdbc;
import org.connectorhub.hub.storage.StoreException;
import org.connectorhub.hub.webhooks.OutboxWriter;

/**
 * {@link ProviderEventStore} in the hub's database. Claims are atomic {@code UPDATE ... WHERE}
 * statements (H2 and PostgreSQL alike); the account change listener's side ({@link #enabled},
 * {@link #insert}, {@link #requestWork}, {@link #markRemoving}) runs on the caller's connection,
 * inside the account change's transaction.
 */
@Singleton
public final class JdbcProviderEventStore implements ProviderEventStore {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String COLUMNS = "account_id, project_id, provider, username, sealed_password, state, hook_ids, "
            + "warnings, last_error, sealed_credentials, removing, requests, attempts";

    private final DataSource dataSource;
    private final OutboxWriter outbox;

    @Inject
    public JdbcProviderEventStore(DataSource dataSource, OutboxWriter outbox) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
    }

    // ------------------------------------------------------------------ settings

    @Override
    public Map<String, EventSettings> settings(String projectId) {
        try (Connection connection = dataSource.getConnection()) {
            return settings(connection, projectId);
        } catch (SQLException e) {
            throw new StoreException("read provider event settings", e);
        }
    }

    private static Map<String, EventSettings> settings(Connection connection, String projectId) throws SQLException {
        Map<String, EventSettings> settings = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT provider, settings FROM provider_event_settings WHERE project_id = ? ORDER BY provider")) {
            statement.setString(1, projectId);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    settings.put(row.getString(1), EventSettings.fromJson(fromJson(row.getString(2), OBJECT)));
                }
            }
        }
        return settings;
    }

    @Override
    public void saveSettings(String projectId, Map<String, EventSettings> settings,
            BiFunction<String, String, Subscription> newSubscription, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                Set<String> providers = new LinkedHashSet<>(settings(connection, projectId).keySet());
                providers.addAll(settings.keySet());
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM provider_event_settings WHERE project_id = ?")) {
                    delete.setString(1, projectId);
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO provider_event_settings "
                        + "(project_id, provider, settings, updated_at) VALUES (?, ?, ?, ?)")) {
                    for (Map.Entry<String, EventSettings> entry : settings.entrySet()) {
                        insert.setString(1, projectId);
                        insert.setString(2, entry.getKey());
                        insert.setString(3, toJson(entry.getValue().toJson()));
                        setInstant(insert, 4, now);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                for (String provider : providers) {
                    boolean enabled = settings.containsKey(provider) && settings.get(provider).enabled();
                    for (String accountId : accounts(connection, projectId, provider)) {
                        if (!requestWork(connection, accountId, now, true) && enabled && !optedOut(connection, accountId)) {
                            insert(connection, newSubscription.apply(accountId, provider), now);
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("save provider event settings", e);
        }
    }

    private static List<String> accounts(Connection connection, String projectId, String provider) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM accounts WHERE project_id = ? AND provider = ? ORDER BY id")) {
            statement.setString(1, projectId);
            statement.setString(2, provider);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
        }
        return ids;
    }

    // ------------------------------------------------------------------ the account change's side

    /** Whether the project relays any event of the provider, read on the caller's connection. */
    boolean enabled(Connection connection, String projectId, String provider) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT settings FROM provider_event_settings WHERE project_id = ? AND provider = ?")) {
            statement.setString(1, projectId);
            statement.setString(2, provider);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && EventSettings.fromJson(fromJson(row.getString(1), OBJECT)).enabled();
            }
        }
    }

    void insert(Connection connection, Subscription subscription, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO provider_event_subscriptions ("
                + COLUMNS + ", next_attempt_at, claimed_until, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)")) {
            statement.setString(1, subscription.accountId());
            statement.setString(2, subscription.projectId());
            statement.setString(3, subscription.provider());
            statement.setString(4, subscription.username());
            statement.setBytes(5, subscription.sealedPassword());
            statement.setString(6, subscription.state());
            statement.setString(7, toJson(subscription.hookIds()));
            statement.setString(8, toJson(subscription.warnings()));
            Jdbc.setString(statement, 9, subscription.lastError());
            if (subscription.sealedCredentials().isPresent()) {
                statement.setBytes(10, subscription.sealedCredentials().get());
            } else {
                statement.setNull(10, Types.BINARY);
            }
            statement.setBoolean(11, subscription.removing());
            statement.setLong(12, subscription.requests());
            statement.setInt(13, subscription.attempts());
            setInstant(statement, 14, now);
            setInstant(statement, 15, now);
            statement.executeUpdate();
        }
    }

    /** Asks for work on the account's subscription, now; {@code resetState} makes it pending. False when it has none. */
    boolean requestWork(Connection connection, String accountId, Instant now, boolean resetState) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE provider_event_subscriptions SET "
                + "requests = requests + 1, attempts = 0, next_attempt_at = ?, updated_at = ?"
                + (resetState ? ", state = '" + Subscription.PENDING + "'" : "")
                + " WHERE account_id = ? AND removing = FALSE")) {
            setInstant(statement, 1, now);
            setInstant(statement, 2, now);
            statement.setString(3, accountId);
            return statement.executeUpdate() > 0;
        }
    }

    /** The account is unlinked: its hooks are to be removed with a copy of its sealed credentials. */
    void markRemoving(Connection connection, String accountId, byte[] sealedCredentials, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE provider_event_subscriptions SET "
                + "removing = TRUE, sealed_credentials = ?, requests = requests + 1, attempts = 0, next_attempt_at = ?, "
                + "updated_at = ? WHERE account_id = ?")) {
            statement.setBytes(1, sealedCredentials);
            setInstant(statement, 2, now);
            setInstant(statement, 3, now);
            statement.setString(4, accountId);
            statement.executeUpdate();
        }
    }

    // ------------------------------------------------------------------ the account's own choice

    @Override
    public boolean optedOut(String accountId) {
        try (Connection connection = dataSource.getConnection()) {
            return optedOut(connection, accountId);
        } catch (SQLException e) {
            throw new StoreException("read a provider events choice", e);
        }
    }

    static boolean optedOut(Connection connection, String accountId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM provider_event_opt_outs WHERE account_id = ?")) {
            statement.setString(1, accountId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    @Override
    public void setPreference(String projectId, String accountId, boolean enabled,
            BiFunction<String, String, Subscription> newSubscription, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                Optional<String> provider = Optional.empty();
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT provider FROM accounts WHERE project_id = ? AND id = ?")) {
                    statement.setString(1, projectId);
                    statement.setString(2, accountId);
                    try (ResultSet row = statement.executeQuery()) {
                        if (row.next()) {
                            provider = Optional.of(row.getString(1));
                        }
                    }
                }
                if (provider.isPresent()) {
                    try (PreparedStatement statement = connection.prepareStatement(enabled
                            ? "DELETE FROM provider_event_opt_outs WHERE account_id = ?"
                            : "INSERT INTO provider_event_opt_outs (account_id, created_at) SELECT ?, ? WHERE NOT EXISTS "
                                    + "(SELECT 1 FROM provider_event_opt_outs WHERE account_id = ?)")) {
                        statement.setString(1, accountId);
                        if (!enabled) {
                            setInstant(statement, 2, now);
                            statement.setString(3, accountId);
                        }
                        statement.executeUpdate();
                    }
                    if (!requestWork(connection, accountId, now, false) && enabled
                            && enabled(connection, projectId, provider.get())) {
                        insert(connection, newSubscription.apply(accountId, provider.get()), now);
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("save a provider events choice", e);
        }
    }

    // ------------------------------------------------------------------ work

    @Override
    public Optional<Subscription> find(String accountId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM provider_event_subscriptions WHERE account_id = ?")) {
            statement.setString(1, accountId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("find a provider event subscription", e);
        }
    }

    private static Subscription read(ResultSet row) throws SQLException {
        return new Subscription(row.getString("account_id"), row.getString("project_id"), row.getString("provider"),
                row.getString("username"), row.getBytes("sealed_password"), row.getString("state"),
                fromJson(row.getString("hook_ids"), STRINGS), fromJson(row.getString("warnings"), STRINGS),
                Optional.ofNullable(row.getString("last_error")), Optional.ofNullable(row.getBytes("sealed_credentials")),
                row.getBoolean("removing"), row.getLong("requests"), row.getInt("attempts"));
    }

    @Override
    public List<String> claimDue(Instant now, Instant claimUntil, int limit) {
        List<String> claimed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String> due = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT account_id FROM provider_event_subscriptions "
                    + "WHERE next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) "
                    + "ORDER BY next_attempt_at LIMIT ?")) {
                setInstant(statement, 1, now);
                setInstant(statement, 2, now);
                statement.setInt(3, limit);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        due.add(row.getString(1));
                    }
                }
            }
            try (PreparedStatement claim = connection.prepareStatement("UPDATE provider_event_subscriptions SET claimed_until = ? "
                    + "WHERE account_id = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)")) {
                for (String accountId : due) {
                    setInstant(claim, 1, claimUntil);
                    claim.setString(2, accountId);
                    setInstant(claim, 3, now);
                    setInstant(claim, 4, now);
                    if (claim.executeUpdate() > 0) {
                        claimed.add(accountId);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("claim provider event work", e);
        }
        return claimed;
    }

    @Override
    public void finish(String accountId, long requests, String state, List<String> hookIds, List<String> warnings,
            Optional<String> lastError, Instant now) {
        update("finish provider event work", "UPDATE provider_event_subscriptions SET state = ?, hook_ids = ?, warnings = ?, "
                + "last_error = ?, attempts = 0, claimed_until = NULL, "
                + "next_attempt_at = CASE WHEN requests = ? THEN NULL ELSE next_attempt_at END, updated_at = ? "
                + "WHERE account_id = ?", statement -> {
                    statement.setString(1, state);
                    statement.setString(2, toJson(hookIds));
                    statement.setString(3, toJson(warnings));
                    Jdbc.setString(statement, 4, lastError.map(JdbcProviderEventStore::cut));
                    statement.setLong(5, requests);
                    setInstant(statement, 6, now);
                    statement.setString(7, accountId);
                });
    }

    @Override
    public void retryLater(String accountId, int attempts, Instant nextAttemptAt, String lastError, Instant now) {
        update("retry provider event work", "UPDATE provider_event_subscriptions SET attempts = ?, next_attempt_at = ?, "
                + "last_error = ?, claimed_until = NULL, updated_at = ? WHERE account_id = ?", statement -> {
                    statement.setInt(1, attempts);
                    setInstant(statement, 2, nextAttemptAt);
                    statement.setString(3, cut(lastError));
                    setInstant(statement, 4, now);
                    statement.setString(5, accountId);
                });
    }

    @Override
    public void delete(String accountId, long requests) {
        update("delete a provider event subscription", "DELETE FROM provider_event_subscriptions WHERE account_id = ? "
                + "AND requests = ?", statement -> {
                    statement.setString(1, accountId);
                    statement.setLong(2, requests);
                });
        update("release a provider event subscription", "UPDATE provider_event_subscriptions SET claimed_until = NULL "
                + "WHERE account_id = ?", statement -> statement.setString(1, accountId));
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void update(String what, String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    private static String cut(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }

    // ------------------------------------------------------------------ receipts

    @Override
    public boolean receive(String projectId, String accountId, String eventKey, String type, Map<String, Object> data,
            Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, () -> {
                try (PreparedStatement receipt = connection.prepareStatement("INSERT INTO provider_event_receipts "
                        + "(account_id, event_key, event_id, received_at) VALUES (?, ?, ?, ?)")) {
                    receipt.setString(1, accountId);
                    receipt.setString(2, eventKey);
                    receipt.setString(3, "pev_" + java.util.UUID.randomUUID().toString().replace("-", ""));
                    setInstant(receipt, 4, now);
                    receipt.executeUpdate();
                } catch (SQLException e) {
                    if (Jdbc.isUniqueViolation(e)) {
                        connection.rollback();
                        return false;
                    }
                    throw e;
                }
                outbox.writeProviderEvent(connection, projectId, accountId, type, data);
                return true;
            });
        } catch (SQLException e) {
            throw new StoreException("record a provider event", e);
        }
    }

    @Override
    public int deleteReceiptsOlderThan(Instant cutoff, int limit) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM provider_event_receipts WHERE event_id IN (SELECT event_id FROM provider_event_receipts "
                        + "WHERE received_at < ? ORDER BY received_at LIMIT ?)")) {
            setInstant(statement, 1, cutoff);
            statement.setInt(2, limit);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge provider event receipts", e);
        }
    }

}
