package org.connectorhub.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.hub.config.DatabaseSettings;
import org.connectorhub.hub.storage.TestDatabases;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two hubs on one PostgreSQL database both dispatch the outbox; no event goes out twice. */
class WebhookTwoHubsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    @Test
    void twoHubsDeliverEveryEventOnceAndInOrderPerAccount() {
        String apiKey = ApiKeys.newApiKey();
        String masterKey = MasterKey.generateBase64();
        DatabaseSettings database = TestDatabases.newPostgresDatabase();
        try (FakePostmark postmark = FakePostmark.start(); WebhookReceiver receiver = WebhookReceiver.start()) {
            TestHub a = TestHub.start(shared(postmark, dirA, apiKey, database, masterKey));
            try (a; TestHub b = TestHub.start(shared(postmark, dirB, apiKey, database, masterKey))) {
                // some attempts fail, so retries and the order rule are in play on both hubs
                receiver.failNext(500, 1);
                WebhookTestKit.addEndpoint(a.client(), apiKey, receiver.url());
                List<String> accounts = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    HubClient linker = i % 2 == 0 ? a.client() : b.client();
                    HubClient updater = i % 2 == 0 ? b.client() : a.client();
                    String id = WebhookTestKit.linkAccount(linker, apiKey, "owner-two-" + i,
                            postmark.addServer("Two " + i).serverToken());
                    assertThat(updater.patch("/v1/accounts/" + id, apiKey, Map.of("label", "L" + i), Map.of()).status())
                            .isEqualTo(200);
                    accounts.add(id);
                    if (i % 3 == 0) {
                        receiver.failNext(500, 1);
                    }
                }

                await().atMost(WAIT).until(() -> receiver.accepted().size() >= 24);
                Map<String, Long> perEvent = receiver.accepted().stream()
                        .collect(Collectors.groupingBy(r -> r.header("ConnectorHub-Event-Id"), Collectors.counting()));
                assertThat(perEvent).hasSize(24);
                assertThat(perEvent.values()).as("each event accepted once").containsOnly(1L);
                for (String id : accounts) {
                    assertThat(receiver.acceptedTypes(id)).as(id).containsExactly("account.created", "account.updated");
                }
                assertThat(a.instance(WebhookDispatcher.class).attemptsMade()
                        + b.instance(WebhookDispatcher.class).attemptsMade()).isEqualTo(receiver.all().size());
            }
        }
    }

    private static HubConfig shared(FakePostmark postmark, Path dir, String apiKey,
            DatabaseSettings database, String masterKey) {
        return WebhookTestKit.builder(postmark, dir, apiKey).dbUrl(database.jdbcUrl()).dbUser(database.user())
                .dbPassword(database.password()).masterKey(masterKey).build();
    }
}
