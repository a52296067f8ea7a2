package org.connectorhub.hub.webhooks;

import org.connectorhub.hub.storage.OnDatabase;

/** The store contract on a real PostgreSQL server. */
@OnDatabase(OnDatabase.Vendor.POSTGRESQL)
class PostgresWebhookOutboxTest extends WebhookOutboxContract {
}
