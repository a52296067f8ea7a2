package org.connectorhub.hub.console;

import org.connectorhub.hub.storage.OnDatabase;

/** The console's store contract on PostgreSQL (embedded). */
@OnDatabase(OnDatabase.Vendor.POSTGRESQL)
class PostgresConsoleStoreTest extends ConsoleStoreContract {
}
