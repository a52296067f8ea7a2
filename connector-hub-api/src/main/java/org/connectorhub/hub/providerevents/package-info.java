/**
 * Provider events (issue 21): a project's choice of events to relay per provider
 * ({@code /v1/provider_events}), each account's subscription at its provider kept by
 * {@link org.connectorhub.hub.providerevents.ProviderEventSync} (link, re-link, setting change,
 * re-check repair, removal after unlink, retried after outages), and the receiver
 * ({@code POST /v1/provider_events/{provider}/{account id}}) that turns what the provider sends into
 * {@code email.*} webhook events. May depend on accounts (change listener), webhooks (outbox),
 * projects (authentication) and the plumbing.
 */
package org.connectorhub.hub.providerevents;
