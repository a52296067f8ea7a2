package org.connectorhub.hub.projects;

import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.storage.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class H2ProjectStoreTest extends ProjectStoreContract {
    @TempDir
    static Path dataDir;
    private static Database database;

    @BeforeAll
    static void open() {
        database = TestDatabases.h2(dataDir);
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
