package org.connectorhub.hub.storage;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectorhub.hub.config.DatabaseConfig;
import org.connectorhub.hub.config.DatabaseSettings;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears what other hubs change ({@link ChangeNotices}) on one dedicated PostgreSQL connection,
 * outside the pool, and drops the named rows from this hub's caches ({@link CacheRegistry}). A
 * heartbeat ({@code SELECT 1} every {@value #HEARTBEAT_MILLIS} ms; the connection counts as dead
 * after {@value #DEAD_AFTER_SECONDS} s without an answer) finds a dead connection. While it is
 * down every cache is bypassed; once listening again it clears every cache, then caches again.
 * Metrics: {@code hub_cache_listener_up} (1 or 0), {@code hub_cache_listener_outages_total},
 * {@code hub_cache_notices_total} (notices heard, this hub's own included).
 * Bound only on PostgreSQL with a cache on (see {@code StoreModules}).
 */
@Singleton
public final class ChangeListener implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    static final int HEARTBEAT_MILLIS = 500;
    static final int DEAD_AFTER_SECONDS = 3;
    private static final long RECONNECT_PAUSE_MILLIS = 250;
    /** What {@code pg_stat_activity.application_name} shows for the listening connection. */
    public static final String APPLICATION_NAME = "connector-hub-change-listener";

    private final DatabaseConfig config;
    private final CacheRegistry caches;
    private final AtomicInteger up = new AtomicInteger();
    private final Counter outages;
    private final Counter notices;
    private volatile boolean running;
    private volatile Connection connection;
    private volatile Thread thread;

    @Inject
    public ChangeListener(DatabaseConfig config, CacheRegistry caches, MeterRegistry meters) {
        this.config = requireNonNull(config, "config is null");
        this.caches = requireNonNull(caches, "caches is null");
        Gauge.builder("hub.cache.listener.up", up, AtomicInteger::get)
                .description("1 while this hub hears other hubs' changes, else 0 (caches bypassed)")
                .register(meters);
        this.outages = Counter.builder("hub.cache.listener.outages")
                .description("times the change listener lost its connection").register(meters);
        this.notices = Counter.builder("hub.cache.notices")
                .description("change notices heard (rows other hubs, or this one, changed)").register(meters);
    }

    @Override
    public int phase() {
        return DATABASE + 10;
    }

    @Override
    public void start() {
        // nothing heard yet: read fresh until listening
        caches.deaf();
        running = true;
        Thread listener = new Thread(this::run, "hub-change-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        closeQuietly(connection);
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True while listening (for tests and health). */
    public boolean listening() {
        return up.get() == 1;
    }

    private void run() {
        try {
            listenUntilStopped();
        } finally {
            // however this thread ends, no cache may go on trusting a listener that is gone
            up.set(0);
            caches.deaf();
        }
    }

    private void listenUntilStopped() {
        boolean everUp = false;
        while (running) {
            try (Connection open = connect()) {
                connection = open;
                try (Statement statement = open.createStatement()) {
                    statement.execute("LISTEN " + ChangeNotices.CHANNEL);
                }
                // listening from here on: whatever was cached before may have missed a change
                caches.listening();
                up.set(1);
                if (everUp) {
                    LOG.info("cache change listener is back: caches cleared and in use again");
                }
                everUp = true;
                listen(open);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (up.getAndSet(0) == 1) {
                    caches.deaf();
                    outages.increment();
                    LOG.warn("cache change listener lost its database connection ({}, SQL state {}): "
                            + "caches bypassed, every read goes to the database until it is back",
                            e.getClass().getSimpleName(), e instanceof SQLException sql ? sql.getSQLState() : "-");
                }
                pause();
            } finally {
                connection = null;
            }
        }
    }

    private void listen(Connection open) throws SQLException {
        PGConnection pg = open.unwrap(PGConnection.class);
        long nextHeartbeat = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(HEARTBEAT_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    dispatch(notification.getParameter());
                }
                notices.increment(notifications.length);
            }
            long now = System.nanoTime();
            if (now - nextHeartbeat >= 0) {
                nextHeartbeat = now + HEARTBEAT_MILLIS * 1_000_000L;
                try (Statement statement = open.createStatement(); ResultSet row = statement.executeQuery("SELECT 1")) {
                    row.next();
                }
            }
        }
    }

    private void dispatch(String payload) {
        int colon = payload.indexOf(':');
        if (colon > 0) {
            caches.changed(payload.substring(0, colon), payload.substring(colon + 1));
        }
    }

    private Connection connect() throws SQLException {
        DatabaseSettings settings = config.settings();
        Properties properties = new Properties();
        // as the pool does: the URL may carry them instead
        if (!settings.user().isEmpty()) {
            properties.setProperty("user", settings.user());
        }
        if (!settings.password().isEmpty()) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        // a read that waits longer than this is a dead connection (the heartbeat answers at once)
        properties.setProperty("socketTimeout", Integer.toString(DEAD_AFTER_SECONDS));
        properties.setProperty("connectTimeout", Integer.toString(DEAD_AFTER_SECONDS));
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(Connection open) {
        if (open != null) {
            try {
                open.close();
            } catch (SQLException ignored) {
                // closing to stop: nothing left to do
            }
        }
    }
}
