package org.connectorhub.hub.agents;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.http.RouteContributor;

/** Agent tokens, their tools over REST and MCP: stores to their JDBC adapters, routes into the route set. */
public final class AgentsModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(AgentTokenStore.class).to(JdbcAgentTokenStore.class);
        bind(AgentUsageStore.class).to(JdbcAgentUsageStore.class);
        Multibinder<RouteContributor> routes = Multibinder.newSetBinder(binder(), RouteContributor.class);
        routes.addBinding().to(AgentRoutes.class);
        routes.addBinding().to(McpRoutes.class);
    }
}
