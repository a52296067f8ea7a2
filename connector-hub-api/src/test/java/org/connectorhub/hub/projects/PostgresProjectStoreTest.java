package org.connectorhub.hub.projects;

import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.storage.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresProjectStoreTest extends ProjectStoreContract {
    private static Database database;

    @BeforeAll
    static void open() {
        database = TestDatabases.postgres();
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
