package org.connectorhub.hub.providerevents;

import org.connectorhub.hub.storage.OnDatabase;

/** The store contract on a real PostgreSQL server. */
@OnDatabase(OnDatabase.Vendor.POSTGRESQL)
class PostgresProviderEventStoreTest extends ProviderEventStoreContract {
}
