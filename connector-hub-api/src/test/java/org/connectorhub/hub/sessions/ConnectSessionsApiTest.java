package org.connectorhub.hub.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connect sessions and the end-user endpoints of the Hub page. */
class ConnectSessionsApiTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.configured((postmark, dataDir) ->
            TestHub.config(postmark, dataDir, API_KEY).publicUrl("https://hub.example.com/").build());

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
    }

    static Map<String, Object> sessionFor(String owner) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("origin_owner_id", owner);
        body.put("origin_owner_name", "Owner " + owner);
        body.put("origin_username", owner + "@example.com");
        body.put("metadata", Map.of("plan", "pro"));
        return body;
    }

    static String token(Map<String, Object> request) {
        Response created = api.post("/v1/connect_sessions", API_KEY, request);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("token").asText();
    }

    @Test
    void createsASessionWithATokenAndHubUrl() {
        Instant before = Instant.now();
        Response created = api.post("/v1/connect_sessions", API_KEY, sessionFor("owner-create"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode json = created.json();
        String token = json.path("token").asText();
        assertThat(json.path("id").asText()).startsWith("cs_");
        assertThat(token).startsWith("chs_").hasSizeGreaterThanOrEqualTo(4 + 22);
        assertThat(json.path("hub_url").asText()).isEqualTo("https://hub.example.com/hub?token=" + token);
        Instant expiresAt = Instant.parse(json.path("expires_at").asText());
        assertThat(expiresAt).isBetween(before.plusSeconds(1790), Instant.now().plusSeconds(1810));
        assertThat(json.path("origin_owner_id").asText()).isEqualTo("owner-create");
    }

    @Test
    void refusesBadSessionRequests() {
        Map<String, Object> tooLong = sessionFor("owner-x");
        tooLong.put("expires_in", 86401);
        assertThat(api.post("/v1/connect_sessions", API_KEY, tooLong).status()).isEqualTo(422);

        Map<String, Object> wrongType = sessionFor("owner-x");
        wrongType.put("expires_in", "soon");
        assertThat(api.post("/v1/connect_sessions", API_KEY, wrongType).status()).isEqualTo(400);

        Map<String, Object> noName = sessionFor("owner-x");
        noName.remove("origin_owner_name");
        Response missing = api.post("/v1/connect_sessions", API_KEY, noName);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().path("errors").get(0).path("field").asText()).isEqualTo("origin_owner_name");

        Map<String, Object> unknownProvider = sessionFor("owner-x");
        unknownProvider.put("provider", "nope");
        assertThat(api.post("/v1/connect_sessions", API_KEY, unknownProvider).status()).isEqualTo(404);

        assertThat(api.post("/v1/connect_sessions", null, sessionFor("owner-x")).status()).isEqualTo(401);
    }

    @Test
    void theSessionShowsThePageDataAndLinksOnce() {
        String token = token(sessionFor("owner-link"));

        Response session = api.get("/hub/api/session", token);
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().path("origin_owner_id").asText()).isEqualTo("owner-link");
        assertThat(session.json().path("used").asBoolean()).isFalse();
        assertThat(session.json().path("project").path("id").asText()).isEqualTo("default");
        assertThat(session.json().path("connectors")).extracting(n -> n.path("provider").asText()).contains("postmark");
        assertThat(session.body()).doesNotContain(token);

        Response rejected = api.post("/hub/api/accounts", token, Map.of("provider", "postmark",
                "credentials", Map.of("server_token", "22222222-2222-4222-8222-222222222222")));
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.code()).isEqualTo("invalid_credentials");

        FakePostmark.Server server = postmark.addServer("Session server");
        Response linked = api.post("/hub/api/accounts", token, Map.of("provider", "postmark",
                "credentials", Map.of("server_token", server.serverToken())));
        assertThat(linked.status()).isEqualTo(201);
        assertThat(linked.json().path("origin_owner_id").asText()).isEqualTo("owner-link");
        assertThat(linked.json().path("origin_username").asText()).isEqualTo("owner-link@example.com");
        assertThat(linked.json().path("metadata").path("plan").asText()).isEqualTo("pro");

        Response again = api.post("/hub/api/accounts", token, Map.of("provider", "postmark",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST")));
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.code()).isEqualTo("session_used");

        Response afterUse = api.get("/hub/api/session", token);
        assertThat(afterUse.status()).isEqualTo(200);
        assertThat(afterUse.json().path("used").asBoolean()).isTrue();
        assertThat(afterUse.json().path("linked_account_id").asText()).isEqualTo(linked.json().path("id").asText());

        Response platformView = api.get("/v1/accounts?origin_owner_id=owner-link", API_KEY);
        assertThat(platformView.json().path("data")).hasSize(1);
    }

    @Test
    void twoLinksRacingOnOneSessionLinkOnce() throws Exception {
        String token = token(sessionFor("owner-race"));
        FakePostmark.Server first = postmark.addServer("Race one");
        FakePostmark.Server second = postmark.addServer("Race two");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (FakePostmark.Server server : List.of(first, second)) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return api.post("/hub/api/accounts", token, Map.of("provider", "postmark",
                            "credentials", Map.of("server_token", server.serverToken())));
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> call : calls) {
                statuses.add(call.get().status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 401);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.get("/v1/accounts?origin_owner_id=owner-race", API_KEY).json().path("data")).hasSize(1);
    }

    @Test
    void theEndUserSeesOnlyTheirOwnAccounts() {
        api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "someone-else",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST")));
        api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "owner-list",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST")));
        String token = token(sessionFor("owner-list"));

        Response list = api.get("/hub/api/accounts", token);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data")).hasSize(1);
        assertThat(list.json().path("data").get(0).path("origin_owner_id").asText()).isEqualTo("owner-list");
    }

    @Test
    void anExpiredSessionIs401() {
        Map<String, Object> request = sessionFor("owner-expiring");
        request.put("expires_in", 1);
        String token = token(request);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/hub/api/session", token).status() == 401);
        Response expired = api.get("/hub/api/session", token);
        assertThat(expired.code()).isEqualTo("session_expired");
        Response link = api.post("/hub/api/accounts", token, Map.of("provider", "postmark",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST")));
        assertThat(link.status()).isEqualTo(401);
        assertThat(link.code()).isEqualTo("session_expired");
    }

    @Test
    void unknownOrMissingSessionTokensAre401AndApiKeysDoNotOpenSessions() {
        assertThat(api.get("/hub/api/session", null).status()).isEqualTo(401);
        assertThat(api.get("/hub/api/session", "chs_unknown").code()).isEqualTo("session_invalid");
        assertThat(api.get("/hub/api/session", API_KEY).status()).isEqualTo(401);
        String token = token(sessionFor("owner-token"));
        assertThat(api.get("/v1/accounts", token).status()).isEqualTo(401);
    }

    @Test
    void aRelinkSessionMayTouchOnlyItsAccount() {
        FakePostmark.Server first = postmark.addServer("Relink first");
        String accountId = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id",
                "owner-relink", "credentials", Map.of("server_token", first.serverToken()))).json().path("id").asText();
        Map<String, Object> request = sessionFor("owner-relink");
        request.put("account_id", accountId);
        String token = token(request);

        FakePostmark.Server second = postmark.addServer("Relink second");
        Response relinked = api.post("/hub/api/accounts", token, Map.of("provider", "postmark",
                "credentials", Map.of("server_token", second.serverToken())));

        assertThat(relinked.status()).isEqualTo(200);
        assertThat(relinked.json().path("id").asText()).isEqualTo(accountId);
        assertThat(relinked.json().path("provider_account").path("name").asText()).isEqualTo("Relink second");
        assertThat(api.get("/v1/accounts?origin_owner_id=owner-relink", API_KEY).json().path("data")).hasSize(1);
    }

    @Test
    void aSessionCannotTargetAnotherOwnersOrProjectsAccount() {
        String accountId = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id",
                "owner-a", "credentials", Map.of("server_token", "POSTMARK_API_TEST"))).json().path("id").asText();
        Map<String, Object> otherOwner = sessionFor("owner-b");
        otherOwner.put("account_id", accountId);
        Response response = api.post("/v1/connect_sessions", API_KEY, otherOwner);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("account_not_found");

        String otherKey = ApiKeys.newApiKey();
        hub.instance(ProjectStore.class).create("Other project", ApiKeys.hash(otherKey));
        Map<String, Object> sameOwnerOtherProject = sessionFor("owner-a");
        sameOwnerOtherProject.put("account_id", accountId);
        assertThat(api.post("/v1/connect_sessions", otherKey, sameOwnerOtherProject).status()).isEqualTo(404);
    }
}
