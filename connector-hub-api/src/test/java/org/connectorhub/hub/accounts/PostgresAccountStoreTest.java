package org.connectorhub.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.connectorhub.hub.storage.OnDatabase;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL server. */
@OnDatabase(OnDatabase.Vendor.POSTGRESQL)
class PostgresAccountStoreTest extends AccountStoreContract {
    @Test
    void runsOnARealPostgresServer() {
        assertThat(database().vendor()).isEqualTo("postgresql");
        assertThat(database().ping(java.time.Duration.ofSeconds(2))).isTrue();
    }
}
