package org.connectorhub.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Actions over HTTP: schema validation before the provider, scopes, provider errors, idempotency. */
class ActionsApiTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @TempDir
    static Path dataDir;

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;
    static String testAccount;
    static String serverOnlyAccount;
    static String bothTokensAccount;

    @BeforeAll
    static void start() {
        postmark = FakePostmark.start();
        hub = TestHub.start(postmark, dataDir, API_KEY);
        api = hub.client();
        testAccount = link("owner-test", Map.of("server_token", "POSTMARK_API_TEST"));
        serverOnlyAccount = link("owner-server", Map.of("server_token", postmark.addServer("Only server").serverToken()));
        bothTokensAccount = link("owner-both", Map.of("server_token", postmark.addServer("Both").serverToken(),
                "account_token", postmark.addAccountToken()));
    }

    @AfterAll
    static void stop() {
        hub.close();
        postmark.close();
    }

    static String link(String owner, Map<String, String> credentials) {
        Response response = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", owner,
                "credentials", credentials));
        assertThat(response.status()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    static Map<String, Object> email(String subject) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", "sender@example.com");
        input.put("to", "receiver@example.com");
        input.put("subject", subject);
        input.put("text_body", "Hello");
        return input;
    }

    @Test
    void sendsATestEmailWithTheTestToken() {
        Response response = api.post("/v1/accounts/" + testAccount + "/actions/send_email", API_KEY, email("Test mode"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("data").isObject()).isTrue();
        assertThat(response.json().path("data").path("message_id").asText()).isNotBlank();
    }

    @Test
    void sendsWithARealServerToken() {
        int before = postmark.sentEmailCount();
        Response response = api.post("/v1/accounts/" + serverOnlyAccount + "/actions/send_email", API_KEY, email("Live"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);
    }

    @Test
    void anAccountScopeActionWithoutTheAccountTokenIs403() {
        int before = postmark.http().requestCount();
        Response response = api.post("/v1/accounts/" + serverOnlyAccount + "/actions/list_servers", API_KEY,
                Map.of("count", 10, "offset", 0));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("missing_scope");
        assertThat(response.json().path("scope").asText()).isEqualTo("account");
        assertThat(response.json().path("detail").asText()).contains("Account API Token");
        assertThat(postmark.http().requestCount()).isEqualTo(before);

        Response allowed = api.post("/v1/accounts/" + bothTokensAccount + "/actions/list_servers", API_KEY,
                Map.of("count", 10, "offset", 0));
        assertThat(allowed.status()).isEqualTo(200);
    }

    @Test
    void invalidInputIs422BeforeAnyProviderRequest() {
        int before = postmark.http().requestCount();
        Map<String, Object> input = email("Bad");
        input.remove("to");
        input.put("track_opens", "yes");

        Response response = api.post("/v1/accounts/" + serverOnlyAccount + "/actions/send_email", API_KEY, input);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("invalid_input");
        assertThat(response.json().path("errors")).extracting(n -> n.path("field").asText())
                .contains("to", "track_opens");
        assertThat(postmark.http().requestCount()).isEqualTo(before);
    }

    @Test
    void aProviderRejectionIs422WithItsErrorCode() {
        postmark.markInactive("inactive@example.com");
        Map<String, Object> input = email("Inactive");
        input.put("to", "inactive@example.com");

        Response response = api.post("/v1/accounts/" + serverOnlyAccount + "/actions/send_email", API_KEY, input);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("provider_rejected");
        assertThat(response.json().path("provider_error_code").asInt()).isEqualTo(406);
    }

    @Test
    void unknownActionIs404() {
        Response response = api.post("/v1/accounts/" + serverOnlyAccount + "/actions/launch_rocket", API_KEY, Map.of());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("unknown_action");
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstResultWithoutSendingAgain() {
        int before = postmark.sentEmailCount();
        Map<String, String> key = Map.of("Idempotency-Key", "send-once-1");

        Response first = api.post("/v1/accounts/" + serverOnlyAccount + "/actions/send_email", API_KEY, email("Once"), key);
        Response second = api.post("/v1/accounts/" + serverOnlyAccount + "/actions/send_email", API_KEY, email("Once"), key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(second.header("Idempotent-Replayed")).contains("true");
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);

        Response reused = api.post("/v1/accounts/" + serverOnlyAccount + "/actions/send_email", API_KEY,
                email("Different"), key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency_key_reused");
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeySendOnce() throws Exception {
        int before = postmark.sentEmailCount();
        Map<String, String> key = Map.of("Idempotency-Key", "send-once-concurrently");
        int parallel = 6;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < parallel; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return api.post("/v1/accounts/" + serverOnlyAccount + "/actions/send_email", API_KEY,
                            email("Concurrent"), key);
                }, pool));
            }
            go.countDown();
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(Response::status).toList();
            assertThat(statuses).isSubsetOf(200, 409).contains(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);
    }

    @Test
    void idempotentLinkingReplaysTheFirstResponse() {
        Map<String, String> key = Map.of("Idempotency-Key", "link-once");
        Map<String, Object> body = Map.of("provider", "postmark", "origin_owner_id", "owner-idem",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST"));
        int before = postmark.http().requestCount();

        Response first = api.post("/v1/accounts", API_KEY, body, key);
        Response second = api.post("/v1/accounts", API_KEY, body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().path("id")).isEqualTo(first.json().path("id"));
        assertThat(second.header("Idempotent-Replayed")).contains("true");
        assertThat(postmark.http().requestCount()).isEqualTo(before);
    }
}
