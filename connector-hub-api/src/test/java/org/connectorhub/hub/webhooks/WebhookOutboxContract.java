package org.connectorhub.hub.webhooks;

import org.connectorhub.hub.storage.StoreContract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.StatusReason;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.accounts.JdbcAccountStore;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.connectorhub.hub.storage.StoreException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on a real database: events commit and roll back with the account change, an
 * account's deliveries are due one at a time, and two hubs claiming at once never share a row.
 */
abstract class WebhookOutboxContract extends StoreContract {

    JdbcWebhookStore webhooks;
    JdbcAccountStore accounts;
    String projectId;
    String endpointId;

    @BeforeEach
    void project() {
        webhooks = new JdbcWebhookStore(database().dataSource());
        accounts = new JdbcAccountStore(database().dataSource())
                .withChangeListener(new OutboxWriter(webhooks, Clock.systemUTC()));
        projectId = new JdbcProjectStore(database().dataSource()).create("Outbox", ApiKeys.hash(ApiKeys.newApiKey())).id();
        endpointId = OutboxWriter.newId("whe_");
        webhooks.insertEndpoint(new WebhookEndpoint(endpointId, projectId, "http://127.0.0.1:1/hooks", Optional.empty(),
                List.of(), Map.of(), new byte[] {1, 2, 3}, Instant.now()));
    }

    LinkedAccount account(String owner) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return LinkedAccount.builder()
                .id(OutboxWriter.newId("acc_"))
                .projectId(projectId)
                .provider("postmark")
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

    List<String> eventTypes(String accountId) throws SQLException {
        try (Connection connection = database().dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT v.event_type FROM webhook_deliveries d "
                        + "JOIN webhook_events v ON v.id = d.event_id WHERE d.account_id = ? ORDER BY d.seq")) {
            statement.setString(1, accountId);
            List<String> types = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    types.add(row.getString(1));
                }
            }
            return types;
        }
    }

    @Test
    void everyChangeWritesItsEventsAndBookkeepingWritesNone() throws SQLException {
        LinkedAccount created = accounts.insert(account("owner-events"));
        LinkedAccount renamed = accounts.update(LinkedAccount.builder().from(created).label("Renamed").build(), 1);
        Instant later = Instant.now().plusSeconds(5);
        LinkedAccount checked = accounts.update(LinkedAccount.builder().from(renamed).lastVerifiedAt(later)
                .updatedAt(later).statusReasons(List.of(new StatusReason("provider_unavailable", "503", later))).build(), 2);
        LinkedAccount invalid = accounts.update(LinkedAccount.builder().from(checked).status(AccountStatus.INVALID)
                .statusReasons(List.of(new StatusReason("rejected", "server_token: revoked", later))).build(), 3);
        accounts.delete(projectId, invalid.id());

        assertThat(eventTypes(created.id())).containsExactly("account.created", "account.updated",
                "account.status_changed", "account.deleted");
    }

    @Test
    void aFailingListenerRollsTheAccountChangeBack() {
        JdbcAccountStore failing = new JdbcAccountStore(database().dataSource()).withChangeListener((c, before, after) -> {
            throw new SQLException("outbox unavailable");
        });
        LinkedAccount account = account("owner-rollback");
        assertThatThrownBy(() -> failing.insert(account)).isInstanceOf(StoreException.class);
        assertThat(accounts.find(projectId, account.id())).isEmpty();

        LinkedAccount stored = accounts.insert(account);
        assertThatThrownBy(() -> failing.update(LinkedAccount.builder().from(stored).label("Lost").build(), 1))
                .isInstanceOf(StoreException.class);
        assertThat(accounts.find(projectId, stored.id()).orElseThrow().label()).isEmpty();
        assertThat(accounts.find(projectId, stored.id()).orElseThrow().version()).isEqualTo(1);
        assertThatThrownBy(() -> failing.delete(projectId, stored.id())).isInstanceOf(StoreException.class);
        assertThat(accounts.find(projectId, stored.id())).isPresent();
    }

    @Test
    void anAccountsNextDeliveryWaitsUntilThePreviousIsDeliveredOrGivenUp() {
        LinkedAccount created = accounts.insert(account("owner-order"));
        accounts.update(LinkedAccount.builder().from(created).label("One").build(), 1);
        accounts.delete(projectId, created.id());
        Instant now = Instant.now().plusSeconds(1);
        List<Long> mine = mine(webhooks.findDue(now, 1000), created.id());
        assertThat(mine).hasSize(1);

        long first = mine.get(0);
        assertThat(webhooks.claim(first, "hub-a", now, now.plusSeconds(60))).isTrue();
        WebhookStore.Delivery delivery = webhooks.load(first).orElseThrow();
        assertThat(delivery.eventType()).isEqualTo("account.created");
        // a retry later: still first in line, so nothing of this account is due meanwhile
        webhooks.finish(delivery, "hub-a", attempt(delivery, 1, DeliveryAttempt.RETRYING), Optional.of(now.plusSeconds(30)));
        assertThat(mine(webhooks.findDue(now, 1000), created.id())).isEmpty();
        assertThat(mine(webhooks.findDue(now.plusSeconds(31), 1000), created.id())).containsExactly(first);

        assertThat(webhooks.claim(first, "hub-a", now.plusSeconds(31), now.plusSeconds(90))).isTrue();
        webhooks.finish(delivery, "hub-a", attempt(delivery, 2, DeliveryAttempt.FAILED), Optional.empty());
        List<Long> next = mine(webhooks.findDue(now.plusSeconds(31), 1000), created.id());
        assertThat(next).hasSize(1);
        assertThat(webhooks.load(next.get(0)).orElseThrow().eventType()).isEqualTo("account.updated");

        // housekeeping forgets the given-up event, never one still pending
        assertThat(webhooks.purgeFinished(Instant.now().plusSeconds(3600))).isPositive();
        assertThat(webhooks.load(first)).isEmpty();
        assertThat(webhooks.load(next.get(0))).isPresent();
    }

    @Test
    void anAccountsAttemptsAreFoundByTheAccountAndNoOtherOnes() {
        LinkedAccount mine = accounts.insert(account("owner-attempts"));
        LinkedAccount other = accounts.insert(account("owner-other-attempts"));
        Instant now = Instant.now().plusSeconds(1);
        for (LinkedAccount account : List.of(mine, other)) {
            long seq = mine(webhooks.findDue(now, 1000), account.id()).get(0);
            assertThat(webhooks.claim(seq, "hub-a", now, now.plusSeconds(60))).isTrue();
            WebhookStore.Delivery delivery = webhooks.load(seq).orElseThrow();
            webhooks.finish(delivery, "hub-a", attempt(delivery, 1, DeliveryAttempt.FAILED), Optional.empty());
        }

        List<DeliveryAttempt> attempts = webhooks.attemptsOfAccount(projectId, mine.id(), 10);
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).eventType()).isEqualTo("account.created");
        assertThat(attempts.get(0).outcome()).isEqualTo(DeliveryAttempt.FAILED);
        assertThat(webhooks.attemptsOfAccount("prj_other", mine.id(), 10)).isEmpty();
    }

    @Test
    void twoHubsClaimingAtOnceNeverTakeTheSameDelivery() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(accounts.insert(account("owner-race-" + i)).id());
        }
        Instant now = Instant.now().plusSeconds(1);
        List<Long> due = new ArrayList<>();
        for (long seq : webhooks.findDue(now, 1000)) {
            if (ids.contains(webhooks.load(seq).orElseThrow().accountId())) {
                due.add(seq);
            }
        }
        assertThat(due).hasSize(30);

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> claims = new ArrayList<>();
            for (String hub : List.of("hub-a", "hub-b")) {
                Callable<List<Long>> claimer = () -> {
                    go.await();
                    List<Long> won = new ArrayList<>();
                    for (long seq : due) {
                        if (webhooks.claim(seq, hub, now, now.plusSeconds(60))) {
                            won.add(seq);
                        }
                    }
                    return won;
                };
                claims.add(pool.submit(claimer));
            }
            go.countDown();
            List<Long> a = claims.get(0).get();
            List<Long> b = claims.get(1).get();
            Set<Long> both = new HashSet<>(a);
            both.retainAll(b);
            assertThat(both).isEmpty();
            assertThat(a.size() + b.size()).isEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
        // claimed rows are not due for anyone until released or expired
        assertThat(webhooks.findDue(now, 1000)).doesNotContainAnyElementsOf(due);
        webhooks.releaseClaims("hub-a");
        webhooks.releaseClaims("hub-b");
        assertThat(webhooks.findDue(now, 1000)).containsAll(due);
        // an expired claim (a hub that died) can be taken over
        assertThat(webhooks.claim(due.get(0), "hub-dead", now, now.plusSeconds(1))).isTrue();
        assertThat(webhooks.claim(due.get(0), "hub-b", now, now.plusSeconds(60))).isFalse();
        assertThat(webhooks.claim(due.get(0), "hub-b", now.plusSeconds(2), now.plusSeconds(60))).isTrue();
    }

    @Test
    void onlyAFailedDeliveryOfTheProjectIsQueuedAgainAndThenDueAtOnce() {
        LinkedAccount created = accounts.insert(account("owner-redeliver"));
        Instant now = Instant.now().plusSeconds(1);
        long seq = mine(webhooks.findDue(now, 1000), created.id()).get(0);
        WebhookStore.Delivery delivery = webhooks.load(seq).orElseThrow();
        String eventId = delivery.eventId();
        assertThat(webhooks.redeliver(projectId, endpointId, eventId, now)).isEqualTo(WebhookStore.Redelivery.NOT_FAILED);
        assertThat(webhooks.failedEventIds(endpointId, 10)).isEmpty();

        assertThat(webhooks.claim(seq, "hub-a", now, now.plusSeconds(60))).isTrue();
        webhooks.finish(delivery, "hub-a", attempt(delivery, 1, DeliveryAttempt.FAILED), Optional.empty());
        assertThat(mine(webhooks.findDue(now.plusSeconds(3600), 1000), created.id())).isEmpty();
        assertThat(webhooks.failedEventIds(endpointId, 10)).containsExactly(eventId);

        String otherProject = new JdbcProjectStore(database().dataSource()).create("Other", ApiKeys.hash(ApiKeys.newApiKey())).id();
        assertThat(webhooks.redeliver(otherProject, endpointId, eventId, now)).isEqualTo(WebhookStore.Redelivery.NOT_FOUND);
        assertThat(webhooks.redeliver(projectId, endpointId, "evt_unknown", now)).isEqualTo(WebhookStore.Redelivery.NOT_FOUND);

        Instant later = now.plusSeconds(120);
        assertThat(webhooks.redeliver(projectId, endpointId, eventId, later)).isEqualTo(WebhookStore.Redelivery.QUEUED);
        assertThat(mine(webhooks.findDue(later.minusSeconds(1), 1000), created.id())).isEmpty();
        assertThat(mine(webhooks.findDue(later, 1000), created.id())).containsExactly(seq);
        assertThat(webhooks.load(seq).orElseThrow().attempts()).isEqualTo(1);
        assertThat(webhooks.failedEventIds(endpointId, 10)).isEmpty();
        assertThat(webhooks.redeliver(projectId, endpointId, eventId, later)).isEqualTo(WebhookStore.Redelivery.NOT_FAILED);
    }

    private List<Long> mine(List<Long> due, String accountId) {
        return due.stream().filter(seq -> webhooks.load(seq).orElseThrow().accountId().equals(accountId)).toList();
    }

    private static DeliveryAttempt attempt(WebhookStore.Delivery delivery, int attempt, String outcome) {
        return new DeliveryAttempt(delivery.eventId(), delivery.eventType(), attempt, OptionalInt.of(500),
                Optional.of("HTTP 500"), outcome, Instant.now());
    }
}
