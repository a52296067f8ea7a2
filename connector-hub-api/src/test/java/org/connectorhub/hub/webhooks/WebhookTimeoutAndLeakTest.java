package org.connectorhub.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.LogCapture;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A receiver that hangs costs one bounded attempt; secrets and tokens stay out of the logs. */
class WebhookTimeoutAndLeakTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    @Test
    void aHangingReceiverTimesOutAndTheEventIsRetriedWithoutLeakingAnything() {
        String apiKey = ApiKeys.newApiKey();
        try (LogCapture logs = LogCapture.start(); FakePostmark postmark = FakePostmark.start();
                WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.hangNext(1);
            try (TestHub hub = TestHub.start(WebhookTestKit.builder(postmark, dataDir, apiKey)
                    .connector("webhooks", "timeout", "300ms").build())) {
                HubClient api = hub.client();
                HubClient.Response endpoint = WebhookTestKit.addEndpoint(api, apiKey, receiver.url());
                String secret = endpoint.json().path("secret").asText();
                String endpointId = endpoint.json().path("id").asText();
                FakePostmark.Server server = postmark.addServer("Hanging");
                String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-hang", server.serverToken());

                await().atMost(WAIT).until(() -> receiver.acceptedTypes(accountId).contains("account.created"));
                await().atMost(WAIT).until(() -> api.get("/v1/webhooks/" + endpointId + "/deliveries", apiKey)
                        .json().path("data").size() == 2);
                List<String> log = new ArrayList<>();
                for (JsonNode attempt : api.get("/v1/webhooks/" + endpointId + "/deliveries", apiKey).json().path("data")) {
                    log.add(attempt.path("attempt").asInt() + ":" + attempt.path("outcome").asText() + ":"
                            + attempt.path("error").asText(""));
                }
                assertThat(log).containsExactly("2:delivered:", "1:retrying:timeout");

                assertThat(logs.text()).doesNotContain(secret).doesNotContain(server.serverToken())
                        .doesNotContain(apiKey);
                assertThat(api.everything()).doesNotContain(server.serverToken());
            }
        }
    }
}
