package org.connectorhub.hub.providerevents;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.time.Clock;
import org.connectorhub.hub.accounts.ProviderEventsPreference;

/** An account's {@code provider_events} choice, stored; the sync sets up or removes its webhooks. */
public final class ProviderEventPreferences implements ProviderEventsPreference {
    private final ProviderEventStore store;
    private final Subscriptions subscriptions;
    private final Clock clock;

    @Inject
    public ProviderEventPreferences(ProviderEventStore store, Subscriptions subscriptions, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void set(String projectId, String accountId, boolean enabled) {
        store.setPreference(projectId, accountId, enabled,
                (id, provider) -> subscriptions.create(id, projectId, provider), clock.instant());
    }
}
