package org.connectorhub.hub.webhooks;

import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.storage.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresWebhookOutboxTest extends WebhookOutboxContract {
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
