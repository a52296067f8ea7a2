/**
 * Linked accounts and their actions: the platform API routes for connectors, accounts, actions and
 * connect-session creation ({@link org.connectorhub.hub.accounts.PlatformRoutes}), action input validation,
 * and the core's {@code AccountStore} port implemented over JDBC, with the short-lived read cache the action
 * path uses. May depend on the core, {@code http}, {@code storage}, {@code config}, {@code projects} (the
 * caller's project), {@code sessions} and {@code idempotency}.
 */
package org.connectorhub.hub.accounts;
