package org.connectorhub.hub.storage;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool of the started {@link DatabaseLifecycle}, handed to stores at construction time so
 * that building the object graph opens no connection.
 */
public final class DeferredDataSource implements DataSource {
    private final DatabaseLifecycle database;

    @Inject
    public DeferredDataSource(DatabaseLifecycle database) {
        this.database = requireNonNull(database, "database is null");
    }

    private DataSource delegate() throws SQLException {
        try {
            return database.database().dataSource();
        } catch (IllegalStateException notStarted) {
            // a JDBC failure like any other, so stores report it as the database being unavailable
            throw new SQLException(notStarted.getMessage(), "08003", notStarted);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delegate().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return delegate().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return delegate().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return delegate().isWrapperFor(type);
    }
}
