package org.connectorhub.hub.console;

import org.connectorhub.hub.storage.OnDatabase;

/** The console's store contract on an H2 file database. */
@OnDatabase(OnDatabase.Vendor.H2)
class H2ConsoleStoreTest extends ConsoleStoreContract {
}
