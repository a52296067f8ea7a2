package org.connectorhub.hub.providerevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.hub.accounts.JdbcAccountStore;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.http.PublicUrl;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.connectorhub.hub.storage.StoreContract;
import org.connectorhub.hub.webhooks.JdbcWebhookStore;
import org.connectorhub.hub.webhooks.OutboxWriter;
import org.connectorhub.hub.webhooks.WebhookEndpoint;
import org.connectorhub.testkit.InsecureTestCipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ProviderEventStore} must do on every database: settings, subscription work asked for
 * in the account change's transaction, claims, retries, removal after unlink, and receipts that
 * write to the outbox once per event.
 */
abstract class ProviderEventStoreContract extends StoreContract {
    private static final EventSettings DELIVERIES = new EventSettings(List.of("delivery"), false, List.of("outbound"), false);

    JdbcProviderEventStore store;
    JdbcAccountStore accounts;
    Subscriptions subscriptions;
    String projectId;

    @BeforeEach
    void stores() {
        JdbcWebhookStore webhooks = new JdbcWebhookStore(database().dataSource());
        store = new JdbcProviderEventStore(database().dataSource(), new OutboxWriter(webhooks, Clock.systemUTC()));
        subscriptions = new Subscriptions(new InsecureTestCipher(), new PublicUrl(HubConfig.defaults().http()));
        accounts = new JdbcAccountStore(database().dataSource())
                .withChangeListener(new SubscriptionListener(store, subscriptions, Clock.systemUTC()));
        projectId = new JdbcProjectStore(database().dataSource()).create("Events", ApiKeys.hash(ApiKeys.newApiKey())).id();
        webhooks.insertEndpoint(new WebhookEndpoint("whe_" + projectId, projectId, "http://127.0.0.1:1/hooks",
                Optional.empty(), List.of(), Map.of(), new byte[] {1}, Instant.now()));
    }

    LinkedAccount account(String owner, String provider) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return LinkedAccount.builder()
                .id("acc_" + owner + "_" + projectId.substring(4, 12))
                .projectId(projectId)
                .provider(provider)
                .originOwnerId(owner)
                .status(AccountStatus.ACTIVE)
                .mode(Mode.PRODUCTION)
                .providerAccount(new ProviderAccount("srv-" + owner, "Server " + owner))
                .credentialFields(Set.of("server_token"))
                .sealedCredentials(new byte[] {9, 9, 9})
                .createdAt(now)
                .updatedAt(now)
                .lastVerifiedAt(now)
                .build();
    }

    private void save(Map<String, EventSettings> settings) {
        store.saveSettings(projectId, settings, (id, provider) -> subscriptions.create(id, projectId, provider), Instant.now());
    }

    @Test
    void savingSettingsSubscribesTheProvidersAccountsAndOnlyThose() {
        LinkedAccount postmark = accounts.insert(account("a", "postmark"));
        LinkedAccount other = accounts.insert(account("b", "calendly"));
        assertThat(store.find(postmark.id())).isEmpty();

        save(Map.of("postmark", DELIVERIES));

        assertThat(store.settings(projectId)).containsExactly(Map.entry("postmark", DELIVERIES));
        Subscription subscription = store.find(postmark.id()).orElseThrow();
        assertThat(subscription.state()).isEqualTo(Subscription.PENDING);
        assertThat(subscription.username()).startsWith("hub_");
        assertThat(subscriptions.password(subscription)).hasSizeGreaterThan(20);
        assertThat(subscription.toString()).doesNotContain(subscriptions.password(subscription));
        assertThat(store.find(other.id())).isEmpty();
        assertThat(store.claimDue(Instant.now(), Instant.now().plusSeconds(60), 10)).contains(postmark.id());
    }

    @Test
    void aLinkAfterTheSettingSubscribesInItsOwnTransactionAndAWorkerClaimsItOnce() {
        save(Map.of("postmark", DELIVERIES));
        LinkedAccount linked = accounts.insert(account("c", "postmark"));
        Instant now = Instant.now().plusMillis(1);

        List<String> first = store.claimDue(now, now.plusSeconds(60), 100);
        List<String> second = store.claimDue(now, now.plusSeconds(60), 100);

        assertThat(first).contains(linked.id());
        assertThat(second).doesNotContain(linked.id());
        Subscription subscription = store.find(linked.id()).orElseThrow();
        store.finish(linked.id(), subscription.requests(), Subscription.ACTIVE, List.of("11"), List.of(), Optional.empty(), now);
        assertThat(store.find(linked.id()).orElseThrow().hookIds()).containsExactly("11");
        assertThat(store.claimDue(now.plusSeconds(120), now.plusSeconds(180), 100)).doesNotContain(linked.id());
    }

    @Test
    void anAskWhileAWorkerHoldsTheRowIsNotLostAndAReverifyAsksAgain() {
        save(Map.of("postmark", DELIVERIES));
        LinkedAccount linked = accounts.insert(account("d", "postmark"));
        Instant now = Instant.now().plusMillis(1);
        assertThat(store.claimDue(now, now.plusSeconds(60), 100)).contains(linked.id());
        long seen = store.find(linked.id()).orElseThrow().requests();

        // a re-check lands while the worker is busy
        Instant later = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MICROS);
        accounts.update(LinkedAccount.builder().from(linked).lastVerifiedAt(later).updatedAt(later).build(), 1);
        store.finish(linked.id(), seen, Subscription.ACTIVE, List.of("1"), List.of(), Optional.empty(), now);

        assertThat(store.claimDue(later.plusSeconds(1), later.plusSeconds(60), 100)).contains(linked.id());
        // a re-check keeps the state; new credentials make it pending again
        assertThat(store.find(linked.id()).orElseThrow().state()).isEqualTo(Subscription.ACTIVE);
    }

    @Test
    void anOutageRetriesLaterAndAnUnlinkKeepsTheCredentialsOnlyUntilRemoved() {
        save(Map.of("postmark", DELIVERIES));
        LinkedAccount linked = accounts.insert(account("e", "postmark"));
        Instant now = Instant.now().plusMillis(1);
        store.claimDue(now, now.plusSeconds(60), 100);
        store.retryLater(linked.id(), 1, now.plusSeconds(30), "Postmark answered 503.", now);
        assertThat(store.claimDue(now.plusSeconds(1), now.plusSeconds(60), 100)).doesNotContain(linked.id());
        assertThat(store.claimDue(now.plusSeconds(31), now.plusSeconds(90), 100)).contains(linked.id());
        assertThat(store.find(linked.id()).orElseThrow().lastError()).contains("Postmark answered 503.");

        assertThat(accounts.delete(projectId, linked.id())).isTrue();
        Subscription removing = store.find(linked.id()).orElseThrow();
        assertThat(removing.removing()).isTrue();
        assertThat(removing.sealedCredentials()).hasValueSatisfying(sealed -> assertThat(sealed).containsExactly(9, 9, 9));
        assertThat(store.claimDue(now.plusSeconds(100), now.plusSeconds(160), 100)).contains(linked.id());
        store.delete(linked.id(), removing.requests());
        assertThat(store.find(linked.id())).isEmpty();
    }

    @Test
    void anAccountsOwnChoiceHoldsBeforeAndAfterTheSetting() {
        LinkedAccount off = accounts.insert(account("g", "postmark"));
        store.setPreference(projectId, off.id(), false, (id, provider) -> subscriptions.create(id, projectId, provider),
                Instant.now());
        store.setPreference(projectId, off.id(), false, (id, provider) -> subscriptions.create(id, projectId, provider),
                Instant.now());
        assertThat(store.optedOut(off.id())).isTrue();
        save(Map.of("postmark", DELIVERIES));
        assertThat(store.find(off.id())).isEmpty();

        store.setPreference(projectId, off.id(), true, (id, provider) -> subscriptions.create(id, projectId, provider),
                Instant.now());
        assertThat(store.optedOut(off.id())).isFalse();
        assertThat(store.find(off.id()).orElseThrow().state()).isEqualTo(Subscription.PENDING);
        // an unknown account changes nothing
        store.setPreference(projectId, "acc_unknown", false, (id, provider) -> subscriptions.create(id, projectId, provider),
                Instant.now());
        assertThat(store.optedOut("acc_unknown")).isFalse();
    }

    @Test
    void anEventIsStoredOnceAndWrittenToTheOutboxInTheSameTransaction() throws SQLException {
        LinkedAccount linked = accounts.insert(account("f", "postmark"));
        Instant now = Instant.now();
        Map<String, Object> data = Map.of("account_id", linked.id(), "recipient", "a@example.net");

        assertThat(store.receive(projectId, linked.id(), "k".repeat(64), "email.delivered", data, now)).isTrue();
        assertThat(store.receive(projectId, linked.id(), "k".repeat(64), "email.delivered", data, now)).isFalse();
        assertThat(store.receive(projectId, linked.id(), "j".repeat(64), "email.bounced", data, now)).isTrue();

        assertThat(eventTypes(linked.id())).containsExactly("email.delivered", "email.bounced");
        assertThat(store.deleteReceiptsOlderThan(now.plus(Duration.ofSeconds(1)), 1)).isEqualTo(1);
        assertThat(store.deleteReceiptsOlderThan(now.plus(Duration.ofSeconds(1)), 10)).isEqualTo(1);
        // the receipt is gone: the same key is new again
        assertThat(store.receive(projectId, linked.id(), "k".repeat(64), "email.delivered", data, now)).isTrue();
    }

    private List<String> eventTypes(String accountId) throws SQLException {
        try (Connection connection = database().dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT event_type FROM webhook_events WHERE account_id = ? AND event_type LIKE 'email.%' ORDER BY created_at, event_type DESC")) {
            statement.setString(1, accountId);
            List<String> types = new java.util.ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    types.add(row.getString(1));
                }
            }
            return types;
        }
    }
}
