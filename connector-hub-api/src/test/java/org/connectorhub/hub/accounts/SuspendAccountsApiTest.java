package org.connectorhub.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.health.HealthRecheckScheduler;
import org.connectorhub.hub.health.RecheckPass;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.hub.webhooks.WebhookReceiver;
import org.connectorhub.hub.webhooks.WebhookTestKit;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Suspending and resuming accounts over real HTTP, against the fake Postmark. */
class SuspendAccountsApiTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;

    String apiKey;
    WebhookReceiver receiver;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.configured((postmark, dataDir) ->
            WebhookTestKit.fastConfig(postmark, dataDir));

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
    }

    @BeforeEach
    void project() {
        postmark.http().faults().clear();
        apiKey = ApiKeys.newApiKey();
        hub.instance(ProjectStore.class).create("Suspend", ApiKeys.hash(apiKey));
        receiver = WebhookReceiver.start();
        WebhookTestKit.addEndpoint(api, apiKey, receiver.url());
    }

    @AfterEach
    void closeReceiver() {
        postmark.http().faults().clear();
        receiver.close();
    }

    String link(String owner) {
        return WebhookTestKit.linkAccount(api, apiKey, owner, postmark.addServer("Server " + owner).serverToken());
    }

    Response suspend(String accountId, String reason) {
        return reason == null ? api.post("/v1/accounts/" + accountId + "/suspend", apiKey, "")
                : api.post("/v1/accounts/" + accountId + "/suspend", apiKey, Map.of("reason", reason));
    }

    Response send(String accountId) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", "sender@example.com");
        input.put("to", "receiver@example.com");
        input.put("subject", "Hi");
        input.put("text_body", "Hello");
        return api.post("/v1/accounts/" + accountId + "/actions/send_email", apiKey, input);
    }

    @Test
    void aSuspendedAccountSaysWhoWhenAndWhyAndRunsNoAction() {
        String accountId = link("owner-abuse");
        Instant before = Instant.now().minusSeconds(1);

        Response suspended = suspend(accountId, "Sending spam");

        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(suspended.json().path("status").asText()).isEqualTo("suspended");
        JsonNode reason = suspended.json().path("status_reasons").get(0);
        assertThat(reason.path("code").asText()).isEqualTo("suspended");
        assertThat(reason.path("description").asText()).isEqualTo("Sending spam");
        assertThat(reason.path("by").asText()).isEqualTo("api_key:" + ApiKeys.keyId(ApiKeys.hash(apiKey)));
        assertThat(Instant.parse(reason.path("at").asText())).isAfter(before);

        int requests = postmark.http().requestCount();
        Response refused = send(accountId);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("account_suspended");
        assertThat(refused.json().path("reason").asText()).isEqualTo("Sending spam");
        assertThat(refused.json().path("detail").asText()).contains("Sending spam");
        assertThat(postmark.http().requestCount()).as("nothing reaches the provider").isEqualTo(requests);
    }

    @Test
    void aSuspendedAccountCanBeReadListedByStatusAndDeleted() {
        String suspendedId = link("owner-list-1");
        String activeId = link("owner-list-2");
        assertThat(suspend(suspendedId, null).status()).isEqualTo(200);

        assertThat(api.get("/v1/accounts/" + suspendedId, apiKey).json().path("status").asText()).isEqualTo("suspended");
        Response listed = api.get("/v1/accounts?status=suspended", apiKey);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("data")).extracting(n -> n.path("id").asText())
                .contains(suspendedId).doesNotContain(activeId);
        Response badStatus = api.get("/v1/accounts?status=paused", apiKey);
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.json().path("detail").asText()).contains("suspended");

        assertThat(api.delete("/v1/accounts/" + suspendedId, apiKey).status()).isEqualTo(204);
        assertThat(api.get("/v1/accounts/" + suspendedId, apiKey).status()).isEqualTo(404);
    }

    @Test
    void reLinkingOrCheckingASuspendedAccountKeepsItSuspended() {
        FakePostmark.Server server = postmark.addServer("Relinked");
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-relink", server.serverToken());
        assertThat(suspend(accountId, "Leaked token").status()).isEqualTo(200);

        Response relinked = api.post("/v1/accounts", apiKey, WebhookTestKit.link("owner-relink", server.serverToken()));
        assertThat(relinked.status()).as(relinked.toString()).isEqualTo(200);
        assertThat(relinked.json().path("id").asText()).isEqualTo(accountId);
        assertThat(relinked.json().path("status").asText()).isEqualTo("suspended");

        Response verified = api.post("/v1/accounts/" + accountId + "/verify", apiKey, "");
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("account").path("status").asText()).isEqualTo("suspended");
        assertThat(verified.json().path("account").path("status_reasons").get(0).path("description").asText())
                .isEqualTo("Leaked token");
    }

    @Test
    void resumeVerifiesFirstAndTheAccountRunsAgain() {
        String accountId = link("owner-resume");
        assertThat(suspend(accountId, "Investigating").status()).isEqualTo(200);

        Response resumed = api.post("/v1/accounts/" + accountId + "/resume", apiKey, "");

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().path("status").asText()).isEqualTo("active");
        assertThat(resumed.json().path("status_reasons")).isEmpty();
        assertThat(send(accountId).status()).isEqualTo(200);
    }

    @Test
    void aRefusalWhileSuspendedIsNotRememberedForItsIdempotencyKey() {
        String accountId = link("owner-idem");
        assertThat(suspend(accountId, "Hold").status()).isEqualTo(200);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", "sender@example.com");
        input.put("to", "receiver@example.com");
        input.put("subject", "Once");
        input.put("text_body", "Hello");
        Map<String, String> key = Map.of("Idempotency-Key", "suspended-then-resumed");
        String path = "/v1/accounts/" + accountId + "/actions/send_email";
        assertThat(api.post(path, apiKey, input, key).status()).isEqualTo(409);

        assertThat(api.post("/v1/accounts/" + accountId + "/resume", apiKey, "").status()).isEqualTo(200);
        Response sent = api.post(path, apiKey, input, key);

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.header("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void aTokenRevokedWhileSuspendedComesBackInvalidNotActive() {
        FakePostmark.Server server = postmark.addServer("Revoked while suspended");
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-revoked", server.serverToken());
        assertThat(suspend(accountId, null).status()).isEqualTo(200);
        postmark.revoke(server.serverToken());

        Response resumed = api.post("/v1/accounts/" + accountId + "/resume", apiKey, "");

        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().path("status").asText()).isEqualTo("invalid");
    }

    @Test
    void anOutageOnResumeAnswers503AndTheAccountStaysSuspended() {
        String accountId = link("owner-outage");
        assertThat(suspend(accountId, "Hold").status()).isEqualTo(200);
        postmark.http().faults().add(Fault.unavailable(Duration.ofSeconds(4)));

        Response resumed = api.post("/v1/accounts/" + accountId + "/resume", apiKey, "");

        assertThat(resumed.status()).isEqualTo(503);
        assertThat(resumed.code()).isEqualTo("provider_unavailable");
        postmark.http().faults().clear();
        assertThat(api.get("/v1/accounts/" + accountId, apiKey).json().path("status").asText()).isEqualTo("suspended");
    }

    @Test
    void suspendAndResumeFireStatusChangedWebhooks() {
        String accountId = link("owner-events");
        assertThat(suspend(accountId, "Events").status()).isEqualTo(200);
        assertThat(api.post("/v1/accounts/" + accountId + "/resume", apiKey, "").status()).isEqualTo(200);

        await().atMost(WAIT).until(() -> receiver.acceptedTypes(accountId).stream()
                .filter("account.status_changed"::equals).count() == 2);
        List<JsonNode> changes = receiver.accepted().stream()
                .filter(r -> r.type().equals("account.status_changed") && r.accountId().equals(accountId))
                .map(r -> r.json().path("data")).toList();
        assertThat(changes.get(0).path("previous_status").asText()).isEqualTo("active");
        assertThat(changes.get(0).path("status").asText()).isEqualTo("suspended");
        assertThat(changes.get(0).path("reasons").get(0).path("description").asText()).isEqualTo("Events");
        assertThat(changes.get(1).path("previous_status").asText()).isEqualTo("suspended");
        assertThat(changes.get(1).path("status").asText()).isEqualTo("active");
    }

    @Test
    void healthRechecksSkipASuspendedAccount() {
        String accountId = link("owner-recheck");
        assertThat(suspend(accountId, null).status()).isEqualTo(200);
        HealthRecheckScheduler scheduler = hub.instance(HealthRecheckScheduler.class);

        RecheckPass pass = scheduler.runOnce(Instant.now().plus(scheduler.settings().interval().multipliedBy(2)));

        assertThat(pass.verified()).doesNotContain(accountId);
        assertThat(pass.rejected()).doesNotContain(accountId);
        assertThat(pass.unavailable()).doesNotContain(accountId);
    }

    @Test
    void suspendingTwiceKeepsTheFirstSuspensionAndOtherProjectsSeeNothing() {
        String accountId = link("owner-twice");
        Response first = suspend(accountId, "First");
        Response second = suspend(accountId, "Second");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("status_reasons").get(0).path("description").asText()).isEqualTo("First");
        assertThat(second.json().path("version").asLong()).isEqualTo(first.json().path("version").asLong());

        String otherKey = ApiKeys.newApiKey();
        hub.instance(ProjectStore.class).create("Other", ApiKeys.hash(otherKey));
        assertThat(api.post("/v1/accounts/" + accountId + "/resume", otherKey, "").status()).isEqualTo(404);
        assertThat(api.post("/v1/accounts/" + accountId + "/suspend", otherKey, "").status()).isEqualTo(404);
        assertThat(suspend("acc_missing", null).status()).isEqualTo(404);
    }

    @Test
    void anOverlongReasonIsRefusedAndNothingChanges() {
        String accountId = link("owner-long");
        Response refused = suspend(accountId, "x".repeat(501));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("invalid_input");
        assertThat(api.get("/v1/accounts/" + accountId, apiKey).json().path("status").asText()).isEqualTo("active");
    }
}
