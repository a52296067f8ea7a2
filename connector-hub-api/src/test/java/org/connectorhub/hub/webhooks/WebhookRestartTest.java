package org.connectorhub.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events not yet delivered when a hub stops are delivered by the next hub on the same data. */
class WebhookRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    @Test
    void undeliveredEventsSurviveARestartAndArriveInOrder() {
        String apiKey = ApiKeys.newApiKey();
        try (FakePostmark postmark = FakePostmark.start(); WebhookReceiver receiver = WebhookReceiver.start()) {
            HubConfig config = WebhookTestKit.config(postmark, dataDir, apiKey);
            receiver.down();
            String accountId;
            String endpointId;
            try (TestHub first = TestHub.start(config)) {
                endpointId = WebhookTestKit.addEndpoint(first.client(), apiKey, receiver.url()).json().path("id").asText();
                accountId = WebhookTestKit.linkAccount(first.client(), apiKey, "owner-restart",
                        postmark.addServer("Restart").serverToken());
                assertThat(first.client().patch("/v1/accounts/" + accountId, apiKey, Map.of("label", "Before stop"),
                        Map.of()).status()).isEqualTo(200);
                // the first hub tried and failed: the events were in the outbox, not delivered
                await().atMost(WAIT).until(() -> receiver.all().size() >= 2);
                assertThat(receiver.accepted()).isEmpty();
            }
            receiver.up();

            try (TestHub second = TestHub.start(config)) {
                await().atMost(WAIT).until(() -> receiver.acceptedTypes(accountId).size() == 2);
                assertThat(receiver.acceptedTypes(accountId)).containsExactly("account.created", "account.updated");
                assertThat(receiver.accepted().get(1).json().path("data").path("account").path("label").asText())
                        .isEqualTo("Before stop");
                assertThat(second.client().get("/v1/webhooks/" + endpointId + "/deliveries", apiKey).json()
                        .path("data").get(0).path("outcome").asText()).isIn("delivered", "retrying");
            }
        }
    }
}
