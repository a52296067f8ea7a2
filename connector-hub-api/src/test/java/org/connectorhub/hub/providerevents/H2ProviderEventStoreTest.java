package org.connectorhub.hub.providerevents;

import org.connectorhub.hub.storage.OnDatabase;

/** The store contract on an H2 file database. */
@OnDatabase(OnDatabase.Vendor.H2)
class H2ProviderEventStoreTest extends ProviderEventStoreContract {
}
