package org.connectorhub.hub.projects;

import org.connectorhub.hub.storage.OnDatabase;

/** The store contract on a real PostgreSQL server. */
@OnDatabase(OnDatabase.Vendor.POSTGRESQL)
class PostgresProjectStoreTest extends ProjectStoreContract {
}
