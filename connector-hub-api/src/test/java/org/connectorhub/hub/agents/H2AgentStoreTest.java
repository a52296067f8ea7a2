package org.connectorhub.hub.agents;

import org.connectorhub.hub.storage.OnDatabase;

@OnDatabase(OnDatabase.Vendor.H2)
class H2AgentStoreTest extends AgentStoreContract { }
