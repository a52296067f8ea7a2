package org.connectorhub.hub.agents;

import org.connectorhub.hub.storage.OnDatabase;

@OnDatabase(OnDatabase.Vendor.POSTGRESQL)
class PostgresAgentStoreTest extends AgentStoreContract { }
