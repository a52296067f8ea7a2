/**
 * The operator console: server-rendered pages at {@code /console} for the person who runs the hub
 * (sign-in links and database sessions, the Accounts page, each account's page, Link account, the
 * request tester, Logs, Audit, Webhooks, API keys). Pages read and change through the core's use
 * cases, the other slices' stores and their services ({@code WebhookEndpoints}, {@code ApiKeyService});
 * its own store holds sign-in links and sessions. May depend on the core,
 * {@code http}, {@code storage}, {@code projects}, {@code sessions}, {@code accounts},
 * {@code activity}, {@code audit} and {@code webhooks}; nothing depends on it but the wiring.
 */
package org.connectorhub.hub.console;
