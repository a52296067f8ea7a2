package org.connectorhub.hub.accounts;

/**
 * An account's own choice about its provider's events ({@code provider_events} on link or
 * {@code PATCH}): false keeps the hub from setting up (or makes it remove) the provider's webhooks
 * for this account, whatever the project relays. Implemented by the provider events capability.
 */
@FunctionalInterface
public interface ProviderEventsPreference {
    void set(String projectId, String accountId, boolean enabled);
}
