package org.connectorhub.hub.providerevents;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.hub.accounts.AccountChangeListener;

/**
 * Asks for subscription work inside the transaction of each account change, so the work exists
 * exactly when the change does: a link of a provider the project relays creates the subscription,
 * new credentials (a re-link) or a re-verification (the re-check, {@code POST .../verify}) make it
 * due, an unlink marks it for removal with a copy of the sealed credentials. No provider call here:
 * {@link ProviderEventSync} does the work, so an outage never blocks a link or an unlink.
 */
@Singleton
public final class SubscriptionListener implements AccountChangeListener {
    // the JDBC adapter, not the port: work is written on the account change's own connection
    private final JdbcProviderEventStore store;
    private final Subscriptions subscriptions;
    private final Clock clock;

    @Inject
    public SubscriptionListener(JdbcProviderEventStore store, Subscriptions subscriptions, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void changed(Connection connection, Optional<LinkedAccount> before, Optional<LinkedAccount> after)
            throws SQLException {
        Instant now = clock.instant();
        if (after.isEmpty()) {
            LinkedAccount gone = before.orElseThrow();
            store.markRemoving(connection, gone.id(), gone.sealedCredentials(), now);
            return;
        }
        LinkedAccount account = after.get();
        boolean newCredentials = before.isEmpty()
                || !Arrays.equals(before.get().sealedCredentials(), account.sealedCredentials());
        boolean reverified = before.isPresent() && !before.get().lastVerifiedAt().equals(account.lastVerifiedAt());
        if (!newCredentials && !reverified) {
            return;
        }
        if (store.requestWork(connection, account.id(), now, newCredentials)) {
            return;
        }
        if (store.enabled(connection, account.projectId(), account.provider())
                && !JdbcProviderEventStore.optedOut(connection, account.id())) {
            store.insert(connection, subscriptions.create(account.id(), account.projectId(), account.provider()), now);
        }
    }
}
