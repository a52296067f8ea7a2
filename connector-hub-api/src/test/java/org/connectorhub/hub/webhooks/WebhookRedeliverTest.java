package org.connectorhub.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.connectorhub.hub.webhooks.WebhookTestKit.addEndpoint;
import static org.connectorhub.hub.webhooks.WebhookTestKit.linkAccount;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/webhooks/{id}/deliveries/{event_id}/redeliver}: a given-up delivery (here after
 * one failed attempt, the retry window being 1 ms) goes out again, once, to a loopback receiver.
 */
class WebhookRedeliverTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.configured((postmark, dataDir) ->
            WebhookTestKit.builder(postmark, dataDir, null).connector("webhooks", "retry_for", "1ms").build());

    HubClient api;
    WebhookReceiver receiver;
    String apiKey;
    String endpointId;

    @BeforeEach
    void endpoint() {
        api = running.client();
        receiver = WebhookReceiver.start();
        apiKey = WebhookTestKit.newProject(running.hub());
        endpointId = addEndpoint(api, apiKey, receiver.url()).json().path("id").asText();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void aFailedDeliveryIsSentAgainOnceAndThenRefusedAsNotFailed() {
        receiver.failNext(500, 1);
        String accountId = linkAccount(api, apiKey, "owner-redeliver", FakePostmark.TEST_TOKEN);
        JsonNode failed = await().atMost(WAIT).until(() -> attempt(DeliveryAttempt.FAILED), a -> a != null);
        String eventId = failed.path("event_id").asText();
        assertThat(receiver.accepted()).isEmpty();

        Response redelivered = api.post(redeliver(endpointId, eventId), apiKey, java.util.Map.of());
        assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(202);
        assertThat(redelivered.json().path("state").asText()).isEqualTo("pending");

        await().atMost(WAIT).until(() -> receiver.acceptedTypes(accountId).contains("account.created"));
        JsonNode delivered = await().atMost(WAIT).until(() -> attempt(DeliveryAttempt.DELIVERED), a -> a != null);
        assertThat(delivered.path("event_id").asText()).isEqualTo(eventId);
        assertThat(delivered.path("attempt").asInt()).isEqualTo(2);
        assertThat(receiver.accepted().get(0).header("ConnectorHub-Event-Id")).isEqualTo(eventId);

        Response again = api.post(redeliver(endpointId, eventId), apiKey, java.util.Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("delivery_not_failed");
        assertThat(again.contentType()).startsWith("application/problem+json");

        JsonNode trail = api.get("/v1/audit?target_id=" + eventId, apiKey).json().path("data");
        assertThat(trail).extracting(e -> e.path("type").asText()).containsExactly("webhook_delivery.redelivered");
        assertThat(trail.get(0).path("actor").path("kind").asText()).isEqualTo("api_key");
    }

    @Test
    void unknownDeliveriesEndpointsAndOtherProjectsAreNotFound() {
        receiver.failNext(500, 1);
        linkAccount(api, apiKey, "owner-redeliver-404", FakePostmark.TEST_TOKEN);
        String eventId = await().atMost(WAIT).until(() -> attempt(DeliveryAttempt.FAILED), a -> a != null)
                .path("event_id").asText();

        Response unknownEvent = api.post(redeliver(endpointId, "evt_nope"), apiKey, java.util.Map.of());
        assertThat(unknownEvent.status()).isEqualTo(404);
        assertThat(unknownEvent.code()).isEqualTo("delivery_not_found");
        assertThat(api.post(redeliver("whe_nope", eventId), apiKey, java.util.Map.of()).code()).isEqualTo("webhook_not_found");
        String otherKey = WebhookTestKit.newProject(running.hub());
        assertThat(api.post(redeliver(endpointId, eventId), otherKey, java.util.Map.of()).code()).isEqualTo("webhook_not_found");
        assertThat(api.post(redeliver(endpointId, eventId), null, java.util.Map.of()).status()).isEqualTo(401);

        // none of these queued it: it is still failed, and nothing more reached the receiver
        assertThat(attempt(DeliveryAttempt.FAILED)).isNotNull();
        assertThat(receiver.all()).hasSize(1);
    }

    private static String redeliver(String endpointId, String eventId) {
        return "/v1/webhooks/" + endpointId + "/deliveries/" + eventId + "/redeliver";
    }

    /** The newest attempt of the endpoint when it has this outcome, else null. */
    private JsonNode attempt(String outcome) {
        List<JsonNode> attempts = StreamSupport.stream(api.get("/v1/webhooks/" + endpointId + "/deliveries", apiKey)
                .json().path("data").spliterator(), false).toList();
        return attempts.isEmpty() || !attempts.get(0).path("outcome").asText().equals(outcome) ? null : attempts.get(0);
    }
}
