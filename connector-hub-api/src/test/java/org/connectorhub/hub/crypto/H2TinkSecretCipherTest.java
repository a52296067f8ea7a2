package org.connectorhub.hub.crypto;

import org.connectorhub.hub.storage.OnDatabase;

/** The store contract on an H2 file database. */
@OnDatabase(OnDatabase.Vendor.H2)
class H2TinkSecretCipherTest extends TinkSecretCipherContract {
}
