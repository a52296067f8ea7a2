package org.connectorhub.hub.accounts;

import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.storage.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresAccountStoreTest extends AccountStoreContract {
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
        assertThat(database.ping(java.time.Duration.ofSeconds(2))).isTrue();
    }
}
