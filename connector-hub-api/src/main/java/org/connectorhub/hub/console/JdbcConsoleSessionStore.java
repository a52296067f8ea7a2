package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.getInstant;
import static org.connectorhub.hub.storage.Jdbc.setInstant;

import com.google.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.connectorhub.hub.storage.StoreException;

/** Sign-in links and sessions in {@code console_sign_in_links} and {@code console_sessions} (migration V55). */
public final class JdbcConsoleSessionStore implements ConsoleSessionStore {
    private final DataSource dataSource;

    @Inject
    public JdbcConsoleSessionStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public void insertLink(String id, String tokenHash, String projectId, Instant createdAt, Instant expiresAt) {
        update("store a console sign-in link", "INSERT INTO console_sign_in_links (id, token_hash, project_id, "
                + "created_at, expires_at) VALUES (?, ?, ?, ?, ?)", id, tokenHash, projectId, createdAt, expiresAt);
    }

    @Override
    public Redemption redeem(String tokenHash, Instant now) {
        // the conditional update is the claim: two requests with one link cannot both sign in
        int claimed = update("use a console sign-in link", "UPDATE console_sign_in_links SET used_at = ? "
                + "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?", now, tokenHash, now);
        String sql = "SELECT project_id, expires_at, used_at FROM console_sign_in_links WHERE token_hash = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tokenHash);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return new Redemption(LinkState.UNKNOWN, Optional.empty());
                }
                Optional<String> project = Optional.of(row.getString("project_id"));
                if (claimed == 1) {
                    return new Redemption(LinkState.SIGNED_IN, project);
                }
                if (getInstant(row, "used_at") != null) {
                    return new Redemption(LinkState.USED, Optional.empty());
                }
                return new Redemption(LinkState.EXPIRED, Optional.empty());
            }
        } catch (SQLException e) {
            throw new StoreException("read a console sign-in link", e);
        }
    }

    @Override
    public boolean hasAnyLink(String projectId) {
        String sql = "SELECT 1 FROM console_sign_in_links WHERE project_id = ? LIMIT 1";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, projectId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new StoreException("read console sign-in links", e);
        }
    }

    @Override
    public void insertSession(ConsoleSession session, String tokenHash) {
        update("store a console session", "INSERT INTO console_sessions (id, token_hash, project_id, created_at, "
                + "last_seen_at) VALUES (?, ?, ?, ?, ?)", session.id(), tokenHash, session.projectId(),
                session.createdAt(), session.lastSeenAt());
    }

    @Override
    public Optional<ConsoleSession> findSession(String tokenHash) {
        String sql = "SELECT id, project_id, created_at, last_seen_at FROM console_sessions WHERE token_hash = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tokenHash);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ConsoleSession(row.getString("id"), row.getString("project_id"),
                        getInstant(row, "created_at"), getInstant(row, "last_seen_at")));
            }
        } catch (SQLException e) {
            throw new StoreException("read a console session", e);
        }
    }

    @Override
    public void touch(String sessionId, Instant at) {
        update("touch a console session", "UPDATE console_sessions SET last_seen_at = ? WHERE id = ?", at, sessionId);
    }

    @Override
    public void deleteSession(String sessionId) {
        update("end a console session", "DELETE FROM console_sessions WHERE id = ?", sessionId);
    }

    @Override
    public int deleteIdleSessions(Instant before, int limit) {
        return update("delete idle console sessions", "DELETE FROM console_sessions WHERE id IN (SELECT id FROM "
                + "console_sessions WHERE last_seen_at < ? ORDER BY last_seen_at LIMIT ?)", before, limit);
    }

    @Override
    public int deleteExpiredLinks(Instant before, int limit) {
        return update("delete expired console sign-in links", "DELETE FROM console_sign_in_links WHERE id IN (SELECT id "
                + "FROM console_sign_in_links WHERE used_at IS NULL AND expires_at < ? ORDER BY expires_at LIMIT ?)",
                before, limit);
    }

    private int update(String what, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Instant instant) {
                    setInstant(statement, i + 1, instant);
                } else if (parameters[i] instanceof Integer number) {
                    statement.setInt(i + 1, number);
                } else {
                    statement.setString(i + 1, (String) parameters[i]);
                }
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }
}
