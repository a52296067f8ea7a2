/**
 * The hub's composition root: {@link org.connectorhub.hub.Hub} (start and stop in order),
 * {@link org.connectorhub.hub.HubModules} (the Guice modules an embedder or the server uses),
 * {@link org.connectorhub.hub.HubMain} and {@link org.connectorhub.hub.HubCli} (the command line), and the
 * modules that bind across capabilities (connectors, core services, HTTP routes, JDBC stores). It may depend
 * on every package below it; nothing below depends on it, except commands that start a hub.
 */
package org.connectorhub.hub;
