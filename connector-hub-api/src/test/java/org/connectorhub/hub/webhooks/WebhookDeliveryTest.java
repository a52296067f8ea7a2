package org.connectorhub.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.connectorhub.hub.webhooks.WebhookTestKit.addEndpoint;
import static org.connectorhub.hub.webhooks.WebhookTestKit.linkAccount;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Account events reach a real receiver on loopback: signed, retried, in order per account. */
class WebhookDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;

    WebhookReceiver receiver;
    String apiKey;
    String secret;
    String endpointId;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.configured((postmark, dataDir) ->
            WebhookTestKit.config(postmark, dataDir, null));

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
    }

    @BeforeEach
    void endpoint() {
        receiver = WebhookReceiver.start();
        apiKey = WebhookTestKit.newProject(hub);
        Response created = addEndpoint(api, apiKey, receiver.url());
        secret = created.json().path("secret").asText();
        endpointId = created.json().path("id").asText();
    }

    @AfterEach
    void closeReceiver() {
        api.delete("/v1/webhooks/" + endpointId, apiKey);
        receiver.close();
    }

    @Test
    void eventsAreSignedSoThatTheDocumentedCheckAcceptsThem() {
        FakePostmark.Server server = postmark.addServer("Signed");
        String accountId = linkAccount(api, apiKey, "owner-signed", server.serverToken());

        await().atMost(WAIT).until(() -> receiver.acceptedTypes(accountId).contains("account.created"));
        WebhookReceiver.Received request = receiver.accepted().get(0);

        // the receiver's side, as the javadoc of WebhookSignature shows it
        String header = request.header("ConnectorHub-Signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(secret, header, request.body(), Duration.ofMinutes(5), Instant.now())).isTrue();
        assertThat(WebhookSignature.verify("whsec_wrong", header, request.body(), Duration.ofMinutes(5), Instant.now()))
                .isFalse();
        byte[] altered = request.text().replace("owner-signed", "owner-forged").getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify(secret, header, altered, Duration.ofMinutes(5), Instant.now())).isFalse();
        assertThat(WebhookSignature.verify(secret, header, request.body(), Duration.ofMinutes(5),
                Instant.now().plus(Duration.ofMinutes(10)))).as("replayed after the tolerance").isFalse();

        JsonNode event = request.json();
        assertThat(request.header("ConnectorHub-Event-Id")).isEqualTo(event.path("id").asText()).startsWith("evt_");
        assertThat(request.header("ConnectorHub-Event-Type")).isEqualTo("account.created");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(event.path("type").asText()).isEqualTo("account.created");
        assertThat(event.path("project_id").asText()).isNotBlank();
        assertThat(Instant.parse(event.path("created_at").asText())).isBefore(Instant.now().plusSeconds(1));
        JsonNode account = event.path("data").path("account");
        assertThat(account.path("id").asText()).isEqualTo(accountId);
        assertThat(account.path("status").asText()).isEqualTo("active");
        assertThat(account.path("credential_fields").toString()).contains("server_token");
        assertThat(request.text()).doesNotContain(server.serverToken()).doesNotContain(secret);
    }

    @Test
    void aFailingReceiverGetsRetriesUntilItAcceptsAndTheLogShowsEachAttempt() {
        receiver.failNext(500, 2);
        String accountId = linkAccount(api, apiKey, "owner-retry", postmark.addServer("Retry").serverToken());

        await().atMost(WAIT).until(() -> receiver.acceptedTypes(accountId).contains("account.created"));
        assertThat(receiver.all()).extracting(WebhookReceiver.Received::answeredWith).containsExactly(500, 500, 200);
        List<String> eventIds = receiver.all().stream().map(r -> r.header("ConnectorHub-Event-Id")).distinct().toList();
        assertThat(eventIds).hasSize(1);

        // the hub records the attempt just after the receiver answered
        await().atMost(WAIT).until(() -> api.get("/v1/webhooks/" + endpointId + "/deliveries", apiKey)
                .json().path("data").size() == 3);
        JsonNode log = api.get("/v1/webhooks/" + endpointId + "/deliveries", apiKey).json().path("data");
        List<String> attempts = new ArrayList<>();
        for (JsonNode attempt : log) {
            assertThat(attempt.path("event_id").asText()).isEqualTo(eventIds.get(0));
            assertThat(attempt.path("type").asText()).isEqualTo("account.created");
            assertThat(attempt.path("at").asText()).isNotBlank();
            attempts.add(attempt.path("attempt").asInt() + ":" + attempt.path("status_code").asInt() + ":"
                    + attempt.path("outcome").asText() + ":" + attempt.path("error").asText(""));
        }
        // newest first
        assertThat(attempts).containsExactly("3:200:delivered:", "2:500:retrying:HTTP 500", "1:500:retrying:HTTP 500");
    }

    @Test
    void anAccountsEventsArriveInOrderEvenWhenOneNeedsRetries() {
        receiver.failNext(500, 1);
        String accountId = linkAccount(api, apiKey, "owner-order", postmark.addServer("Order").serverToken());
        assertThat(api.patch("/v1/accounts/" + accountId, apiKey, Map.of("label", "Renamed"), Map.of()).status())
                .isEqualTo(200);
        assertThat(api.delete("/v1/accounts/" + accountId, apiKey).status()).isEqualTo(204);

        await().atMost(WAIT).until(() -> receiver.acceptedTypes(accountId).size() == 3);
        assertThat(receiver.acceptedTypes(accountId))
                .containsExactly("account.created", "account.updated", "account.deleted");
        // the first answer was a 500 for the creation: nothing overtook it
        assertThat(receiver.all().get(0).type()).isEqualTo("account.created");
        assertThat(receiver.all().get(0).answeredWith()).isEqualTo(500);
        WebhookReceiver.Received updated = receiver.accepted().get(1);
        assertThat(updated.json().path("data").path("account").path("label").asText()).isEqualTo("Renamed");
        WebhookReceiver.Received deleted = receiver.accepted().get(2);
        assertThat(deleted.json().path("data").path("account").path("id").asText()).isEqualTo(accountId);
    }

    @Test
    void aRejectedCredentialOnVerifyIsOneStatusChangeWithOldAndNewStatus() {
        FakePostmark.Server server = postmark.addServer("Verify");
        String accountId = linkAccount(api, apiKey, "owner-verify", server.serverToken());
        postmark.revoke(server.serverToken());

        Response verified = api.post("/v1/accounts/" + accountId + "/verify", apiKey, Map.of());
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);

        await().atMost(WAIT).until(() -> receiver.acceptedTypes(accountId).size() == 2);
        assertThat(receiver.acceptedTypes(accountId)).containsExactly("account.created", "account.status_changed");
        JsonNode data = receiver.accepted().get(1).json().path("data");
        assertThat(data.path("previous_status").asText()).isEqualTo("active");
        assertThat(data.path("status").asText()).isEqualTo("invalid");
        assertThat(data.path("reasons")).isNotEmpty();
        assertThat(data.path("account").path("status").asText()).isEqualTo("invalid");
    }

    @Test
    void aRelinkThroughASessionKeepsTheAccountIdAndIsAnUpdate() {
        String accountId = linkAccount(api, apiKey, "owner-relink", postmark.addServer("Before").serverToken());
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("origin_owner_id", "owner-relink");
        session.put("origin_owner_name", "Owner");
        session.put("account_id", accountId);
        String token = api.post("/v1/connect_sessions", apiKey, session).json().path("token").asText();

        FakePostmark.Server after = postmark.addServer("After");
        Response relinked = api.post("/hub/api/accounts", token, Map.of("provider", "postmark",
                "credentials", Map.of("server_token", after.serverToken())));
        assertThat(relinked.status()).as(relinked.toString()).isEqualTo(200);
        assertThat(relinked.json().path("id").asText()).isEqualTo(accountId);

        await().atMost(WAIT).until(() -> receiver.acceptedTypes(accountId).size() == 2);
        assertThat(receiver.acceptedTypes(accountId)).containsExactly("account.created", "account.updated");
        JsonNode account = receiver.accepted().get(1).json().path("data").path("account");
        assertThat(account.path("id").asText()).isEqualTo(accountId);
        assertThat(account.path("provider_account").path("name").asText()).isEqualTo("After");
        assertThat(receiver.accepted().get(1).text()).doesNotContain(after.serverToken());
    }

    @Test
    void anEndpointGetsOnlyTheTypesItAskedFor() {
        WebhookReceiver deletions = WebhookReceiver.start();
        try {
            Response created = api.post("/v1/webhooks", apiKey, Map.of("url", deletions.url(),
                    "events", List.of("account.deleted"), "headers", Map.of("X-Platform-Token", "abc123")));
            assertThat(created.status()).isEqualTo(201);
            String accountId = linkAccount(api, apiKey, "owner-filter", postmark.addServer("Filter").serverToken());
            api.delete("/v1/accounts/" + accountId, apiKey);

            await().atMost(WAIT).until(() -> deletions.accepted().size() == 1
                    && receiver.acceptedTypes(accountId).size() == 2);
            assertThat(deletions.accepted().get(0).type()).isEqualTo("account.deleted");
            assertThat(deletions.accepted().get(0).header("X-Platform-Token")).isEqualTo("abc123");
            assertThat(receiver.accepted().get(0).header("X-Platform-Token")).isNull();
        } finally {
            deletions.close();
        }
    }
}
