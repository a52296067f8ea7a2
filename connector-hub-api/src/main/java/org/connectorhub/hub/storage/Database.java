package org.connectorhub.hub.storage;

import org.connectorhub.hub.config.DatabaseSettings;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** The hub's connection pool (HikariCP) and schema (Flyway, {@code classpath:db/migration}). */
public final class Database implements AutoCloseable {
    private static final long CONNECTION_TIMEOUT_MS = 5_000;
    private static final long VALIDATION_TIMEOUT_MS = 2_000;

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;
    // ping runs here so a hung pool cannot hold the caller (a /readyz request) past its timeout
    private final ExecutorService pinger = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-db-ping");
        thread.setDaemon(true);
        return thread;
    });

    private Database(DatabaseSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
    }

    /** Opens the pool; fails fast when the database cannot be reached. */
    public static Database open(DatabaseSettings settings) {
        requireNonNull(settings, "settings is null");
        HikariConfig config = new HikariConfig();
        config.setPoolName("hub-db");
        config.setJdbcUrl(settings.jdbcUrl());
        // empty means "not given": the URL's own user/password parameters (or the driver's defaults) apply
        if (!settings.user().isEmpty() || settings.vendor().equals("h2")) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty() || settings.vendor().equals("h2")) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MS);
        config.setIdleTimeout(Duration.ofMinutes(5).toMillis());
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        config.setAutoCommit(true);
        if (settings.vendor().equals("postgresql")) {
            // a dead server must not hang a request forever
            config.addDataSourceProperty("connectTimeout", "5");
            config.addDataSourceProperty("socketTimeout", "60");
            config.addDataSourceProperty("tcpKeepAlive", "true");
        }
        try {
            return new Database(settings, new HikariDataSource(config));
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database " + settings.redactedUrl(), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /**
     * At start-up: applies the pending migrations, unless the schema history already holds every one
     * of ours, each applied successfully. Then Flyway is not even loaded: its set-up and validation
     * were about a tenth of a restart. Flyway's checks of applied scripts (their checksums) run
     * whenever there is something to apply, and on {@code hub store migrate}.
     */
    public void migrateIfBehind() {
        if (!upToDate()) {
            migrate();
        }
    }

    /** Whether the schema history holds exactly our migrations, all applied successfully. */
    boolean upToDate() {
        Set<String> applied = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    return false;
                }
                applied.add(rows.getString(1));
            }
        } catch (SQLException noHistoryYet) {
            return false;
        }
        return applied.equals(Migrations.versions());
    }

    /** Applies the pending migrations; safe to call from several instances at once. */
    public void migrate() {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:" + Migrations.LOCATION)
                    .resourceProvider(new Migrations())
                    .javaMigrationClassProvider(List::of)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("database migration failed: " + e.getMessage(), e);
        }
    }

    /** Whether a connection answers within {@code timeout}. */
    public boolean ping(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        if (dataSource.isClosed()) {
            return false;
        }
        CompletableFuture<Boolean> check;
        try {
            check = CompletableFuture.supplyAsync(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    return connection.isValid((int) Math.max(1, timeout.toSeconds()));
                } catch (SQLException | RuntimeException e) {
                    return false;
                }
            }, pinger);
        } catch (RejectedExecutionException closed) {
            return false;
        }
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** "h2" or "postgresql". */
    public String vendor() {
        return settings.vendor();
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        dataSource.close();
    }

    @Override
    public String toString() {
        return "Database[" + settings.redactedUrl() + "]";
    }
}
