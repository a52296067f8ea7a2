package org.connectorhub.hub.providerevents;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.ImmutableLinkedAccount;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.StatusReason;
import org.connectorhub.core.domain.VersionConflictException;
import org.connectorhub.core.port.out.AccountStore;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.core.service.CredentialsCodec;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.EventSubscription;
import org.connectorhub.core.spi.ProviderEvents;
import org.connectorhub.core.spi.SubscriptionResult;
import org.connectorhub.hub.config.ProviderEventsSettings;
import org.connectorhub.hub.lifecycle.GracefulShutdown;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.connectorhub.hub.webhooks.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works on due subscriptions: claims each with an atomic update (several hubs never work on the
 * same one at once), then sets it up, checks and repairs it, turns it off, or removes it after an
 * unlink, at the provider. An outage (timeout, 5xx, 429) retries later with doubling delays from
 * {@link ProviderEventsSettings#retryBase()}, and never touches the account's status; a repair adds
 * the status reason {@code provider_events_repaired}, a refusal {@code provider_events_failed} (both
 * send {@code account.updated}).
 */
@Singleton
public final class ProviderEventSync implements Lifecycle {
    static final String REPAIRED = OutboxWriter.PROVIDER_EVENTS_REASON + "repaired";
    static final String FAILED = OutboxWriter.PROVIDER_EVENTS_REASON + "failed";
    static final String WARNING = OutboxWriter.PROVIDER_EVENTS_REASON + "warning";
    static final String UNSUPPORTED = OutboxWriter.PROVIDER_EVENTS_REASON + "unsupported";
    private static final Logger LOG = LoggerFactory.getLogger(ProviderEventSync.class);
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final int BATCH = 20;
    private static final int MAX_REASONS = 10;

    private final ProviderEventStore store;
    private final AccountStore accounts;
    private final ConnectorRegistry connectors;
    private final SecretCipher cipher;
    private final Subscriptions subscriptions;
    private final ProviderEventsSettings settings;
    private final Clock clock;
    private ScheduledExecutorService poller;

    @Inject
    public ProviderEventSync(ProviderEventStore store, AccountStore accounts, ConnectorRegistry connectors,
            SecretCipher cipher, Subscriptions subscriptions, ProviderEventsSettings settings, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public int phase() {
        // after the database, the cipher, the connectors and the bootstrap; before HTTP
        return BOOTSTRAP + 70;
    }

    @Override
    public synchronized void start() {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-provider-events");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, settings.pollInterval().toMillis(), settings.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            GracefulShutdown.stop(poller, Duration.ofSeconds(10));
            poller = null;
        }
    }

    private void poll() {
        try {
            Instant now = clock.instant();
            for (String accountId : store.claimDue(now, now.plus(CLAIM), BATCH)) {
                store.find(accountId).ifPresent(this::work);
            }
        } catch (RuntimeException e) {
            LOG.warn("provider events round failed: {}", e.getClass().getSimpleName());
        }
    }

    /** One subscription's work, on the poller's thread. */
    void work(Subscription subscription) {
        Instant now = clock.instant();
        Optional<Connector> connector = connectors.find(subscription.provider());
        Optional<ProviderEvents> events = connector.flatMap(Connector::providerEvents);
        Optional<LinkedAccount> account = subscription.removing() ? Optional.empty()
                : accounts.find(subscription.projectId(), subscription.accountId());
        if (events.isEmpty()) {
            finish(subscription, Subscription.UNSUPPORTED, List.of(), List.of(), Optional.empty(), now);
            return;
        }
        EventSettings chosen = store.settings(subscription.projectId()).get(subscription.provider());
        boolean wanted = account.isPresent() && chosen != null && chosen.enabled() && !store.optedOut(subscription.accountId());
        EventSettings what = chosen != null ? chosen : new EventSettings(List.of(), false, EventSettings.DEFAULT_STREAMS, false);
        try {
            EventSubscription target = new EventSubscription(subscriptions.callback(subscription.provider(),
                    subscription.accountId()), subscription.username(), subscriptions.password(subscription),
                    java.util.Set.copyOf(what.triggers()), what.inbound(), what.messageStreams());
            if (!wanted) {
                Optional<Credentials> credentials = account.map(this::credentials)
                        .or(() -> subscription.sealedCredentials().map(sealed -> open(subscription.accountId(), sealed)));
                boolean testMode = account.map(a -> a.mode() == Mode.TEST).orElse(false);
                if (credentials.isPresent() && !testMode && !subscription.state().equals(Subscription.UNSUPPORTED)) {
                    events.get().remove(credentials.get(), target);
                }
                if (account.isEmpty()) {
                    store.delete(subscription.accountId(), subscription.requests());
                } else {
                    finish(subscription, Subscription.OFF, List.of(), List.of(), Optional.empty(), now);
                }
                return;
            }
            LinkedAccount linked = account.get();
            if (linked.mode() == Mode.TEST) {
                String why = "Test-mode accounts cannot have the provider's webhooks: no events reach the platform for it.";
                finish(subscription, Subscription.UNSUPPORTED, List.of(), List.of(why), Optional.empty(), now);
                addReason(linked, UNSUPPORTED, why);
                return;
            }
            SubscriptionResult result = events.get().ensure(credentials(linked), target);
            boolean repaired = result.changed() && subscription.state().equals(Subscription.ACTIVE);
            finish(subscription, Subscription.ACTIVE, result.hookIds(), result.warnings(), Optional.empty(), now);
            if (repaired) {
                addReason(linked, REPAIRED, "The provider's webhooks for this account were missing or changed and were set up "
                        + "again.");
            }
            // again after a re-check cleared it, or when the warnings changed
            boolean shown = linked.statusReasons().stream().anyMatch(reason -> reason.code().equals(WARNING));
            if (!result.warnings().isEmpty() && (!shown || !result.warnings().equals(subscription.warnings()))) {
                addReason(linked, WARNING, String.join(" ", result.warnings()));
            }
        } catch (ProviderUnavailableException outage) {
            int attempts = subscription.attempts() + 1;
            store.retryLater(subscription.accountId(), attempts, now.plus(delay(attempts)), outage.getMessage(), now);
        } catch (ConnectorHubException refused) {
            // the provider said no (revoked token, refused input): no retry until the next ask
            if (account.isEmpty()) {
                store.delete(subscription.accountId(), subscription.requests());
                return;
            }
            finish(subscription, Subscription.FAILED, subscription.hookIds(), subscription.warnings(),
                    Optional.of(refused.getMessage()), now);
            addReason(account.get(), FAILED, "The provider's webhooks could not be set up: " + refused.getMessage());
        } catch (RuntimeException unexpected) {
            LOG.warn("provider events work for {} failed: {}", subscription.accountId(), unexpected.getClass().getSimpleName());
            int attempts = subscription.attempts() + 1;
            store.retryLater(subscription.accountId(), attempts, now.plus(delay(attempts)),
                    "Unexpected failure (" + unexpected.getClass().getSimpleName() + ").", now);
        }
    }

    private void finish(Subscription subscription, String state, List<String> hookIds, List<String> warnings,
            Optional<String> error, Instant now) {
        store.finish(subscription.accountId(), subscription.requests(), state, hookIds, warnings, error, now);
    }

    private Duration delay(int attempts) {
        long base = settings.retryBase().toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, MAX_DELAY.toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 4 + 1));
    }

    private Credentials credentials(LinkedAccount account) {
        return open(account.id(), account.sealedCredentials());
    }

    private Credentials open(String accountId, byte[] sealed) {
        return CredentialsCodec.decode(cipher.open(sealed, accountId.getBytes(UTF_8)));
    }

    /** Adds a status reason (replacing one of the same code), keeping the status: the platform hears of it as account.updated. */
    private void addReason(LinkedAccount account, String code, String description) {
        LinkedAccount current = account;
        for (int attempt = 1; attempt <= 3; attempt++) {
            List<StatusReason> reasons = new ArrayList<>(current.statusReasons());
            reasons.removeIf(reason -> reason.code().equals(code));
            reasons.add(new StatusReason(code, description, clock.instant()));
            List<StatusReason> kept = reasons.subList(Math.max(0, reasons.size() - MAX_REASONS), reasons.size());
            try {
                accounts.update(ImmutableLinkedAccount.builder().from(current).statusReasons(kept)
                        .updatedAt(clock.instant()).build(), current.version());
                return;
            } catch (VersionConflictException changedMeanwhile) {
                Optional<LinkedAccount> fresh = accounts.find(account.projectId(), account.id());
                if (fresh.isEmpty()) {
                    return;
                }
                current = fresh.get();
            } catch (AccountNotFoundException gone) {
                return;
            }
        }
    }

}
