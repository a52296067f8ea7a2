package org.connectorhub.hub.activity;

import static org.assertj.core.api.Assertions.assertThat;

import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.storage.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresActivityStoreTest extends ActivityStoreContract {
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

    @Test
    void runsOnARealPostgresServer() {
        assertThat(database.vendor()).isEqualTo("postgresql");
    }
}
