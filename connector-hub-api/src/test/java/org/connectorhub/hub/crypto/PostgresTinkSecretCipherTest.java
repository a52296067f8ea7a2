package org.connectorhub.hub.crypto;

import org.connectorhub.hub.storage.OnDatabase;

/** The store contract on a real PostgreSQL server. */
@OnDatabase(OnDatabase.Vendor.POSTGRESQL)
class PostgresTinkSecretCipherTest extends TinkSecretCipherContract {
}
