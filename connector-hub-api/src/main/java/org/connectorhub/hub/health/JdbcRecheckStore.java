package org.connectorhub.hub.health;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.setInstant;

import com.google.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.connectorhub.hub.storage.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RecheckStore} over {@code account_health}, with a compare-and-set on its {@code version}. */
public final class JdbcRecheckStore implements RecheckStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcRecheckStore.class);

    private final DataSource dataSource;

    @Inject
    public JdbcRecheckStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public List<String> unscheduled(int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT a.id FROM accounts a "
                        + "LEFT JOIN account_health h ON h.account_id = a.id "
                        + "WHERE h.account_id IS NULL AND a.account_mode = 'production' LIMIT ?")) {
            select.setInt(1, limit);
            List<String> fresh = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    fresh.add(row.getString(1));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new StoreException("enroll accounts for re-checks", e);
        }
    }

    @Override
    public boolean schedule(String accountId, Instant firstCheckAt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO account_health "
                        + "(account_id, next_check_at, version) VALUES (?, ?, 0)")) {
            insert.setString(1, accountId);
            setInstant(insert, 2, firstCheckAt);
            insert.executeUpdate();
            return true;
        } catch (SQLException raced) {
            // another hub enrolled it first, or the account is gone: either way nothing to do
            LOG.debug("account {} not enrolled: {}", accountId, raced.getSQLState());
            return false;
        }
    }

    @Override
    public List<Due> due(Instant horizon, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT a.id, a.project_id, a.provider, "
                        + "h.version FROM account_health h JOIN accounts a ON a.id = h.account_id "
                        + "WHERE h.next_check_at <= ? AND a.account_mode = 'production' "
                        // a suspended account is asked nothing until it is resumed (resuming checks it)
                        + "AND a.status <> 'suspended' "
                        + "ORDER BY h.next_check_at LIMIT ?")) {
            setInstant(statement, 1, horizon);
            statement.setInt(2, limit);
            List<Due> due = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    due.add(new Due(row.getString(1), row.getString(2), row.getString(3), row.getLong(4)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new StoreException("find accounts due for a re-check", e);
        }
    }

    @Override
    public boolean claim(Due due, Instant provisionalNext) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE account_health "
                        + "SET next_check_at = ?, version = version + 1 WHERE account_id = ? AND version = ?")) {
            setInstant(statement, 1, provisionalNext);
            statement.setString(2, due.accountId());
            statement.setLong(3, due.version());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("claim a re-check", e);
        }
    }

    @Override
    public void record(String accountId, Instant next, Instant checkedAt, String outcome) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE account_health "
                        + "SET next_check_at = ?, last_checked_at = ?, last_outcome = ? WHERE account_id = ?")) {
            setInstant(statement, 1, next);
            setInstant(statement, 2, checkedAt);
            statement.setString(3, outcome);
            statement.setString(4, accountId);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("record a re-check", e);
        }
    }
}
