package org.connectorhub.hub.storage;

import org.connectorhub.hub.config.DatabaseConfig;
import org.connectorhub.hub.lifecycle.Lifecycle;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the pool and migrates the schema on start; closes the pool on stop. */
@Singleton
public final class DatabaseLifecycle implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLifecycle.class);

    private final DatabaseConfig config;
    private volatile Database database;

    @Inject
    public DatabaseLifecycle(DatabaseConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public int phase() {
        return DATABASE;
    }

    @Override
    public void start() {
        if (config.embedded()) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
            }
        }
        Database opened = Database.open(config.settings());
        try {
            opened.migrateIfBehind();
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        database = opened;
        LOG.info("database ready: {} ({})", config.settings().redactedUrl(), opened.vendor());
    }

    @Override
    public void stop() {
        Database current = database;
        database = null;
        if (current != null) {
            current.close();
        }
    }

    /** The open database; fails when the hub has not been started. */
    public Database database() {
        Database current = database;
        if (current == null) {
            throw new IllegalStateException("the database is not started");
        }
        return current;
    }

    public boolean ping(Duration timeout) {
        Database current = database;
        return current != null && current.ping(timeout);
    }
}
