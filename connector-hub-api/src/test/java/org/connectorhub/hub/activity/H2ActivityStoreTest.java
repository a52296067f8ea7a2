package org.connectorhub.hub.activity;

import java.nio.file.Path;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.storage.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class H2ActivityStoreTest extends ActivityStoreContract {
    @TempDir
    static Path dir;

    private static Database database;

    @BeforeAll
    static void open() {
        database = TestDatabases.h2(dir);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    protected Database database() {
        return database;
    }
}
