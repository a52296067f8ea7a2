package org.connectorhub.hub.activity;

import static org.assertj.core.api.Assertions.assertThat;

import org.connectorhub.hub.storage.OnDatabase;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL server. */
@OnDatabase(OnDatabase.Vendor.POSTGRESQL)
class PostgresActivityStoreTest extends ActivityStoreContract {
    @Test
    void runsOnARealPostgresServer() {
        assertThat(database().vendor()).isEqualTo("postgresql");
    }
}
