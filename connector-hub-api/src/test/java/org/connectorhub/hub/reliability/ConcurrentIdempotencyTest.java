package org.connectorhub.hub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Duplicates fired at once, released together by a latch: one Idempotency-Key gives one account
 * and one Postmark send however many copies race; a connect session links once.
 */
class ConcurrentIdempotencyTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final int COPIES = 12;

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.withApiKey(API_KEY);

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
    }

    @Test
    void concurrentLinksWithOneKeyMakeOneAccountAndOneVerification() throws Exception {
        FakePostmark.Server server = postmark.addServer("Idempotent link");
        int verificationsBefore = postmark.http().requests("GET", "/server").size();
        List<Response> answers = race(() -> api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark",
                "origin_owner_id", "idem-link", "credentials", Map.of("server_token", server.serverToken())),
                Map.of("Idempotency-Key", "link-race-1")));

        assertThat(answers).extracting(Response::status).isSubsetOf(201, 409).contains(201);
        assertThat(answers.stream().filter(r -> r.status() == 201).map(r -> r.json().path("id").asText()).distinct())
                .hasSize(1);
        answers.stream().filter(r -> r.status() == 409).forEach(r -> {
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.header("Retry-After")).as("%s", r).isPresent();
        });
        assertThat(api.get("/v1/accounts?origin_owner_id=idem-link", API_KEY).json().path("data")).hasSize(1);
        assertThat(postmark.http().requests("GET", "/server").size() - verificationsBefore)
                .as("Postmark asked once").isEqualTo(1);
        Figures.count("idempotency.concurrent_link_copies -> accounts", COPIES);
    }

    @Test
    void concurrentSendsWithOneKeySendOnce() throws Exception {
        String id = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "idem-send",
                "credentials", Map.of("server_token", postmark.addServer("Idempotent send").serverToken())))
                .json().path("id").asText();
        int before = postmark.sentEmailCount();
        List<Response> answers = race(() -> api.post("/v1/accounts/" + id + "/actions/send_email", API_KEY,
                Map.of("from", "a@example.com", "to", "b@example.com", "subject", "Once", "text_body", "t"),
                Map.of("Idempotency-Key", "send-race-1")));

        assertThat(answers).extracting(Response::status).isSubsetOf(200, 409).contains(200);
        assertThat(postmark.sentEmailCount() - before).as("one email at Postmark").isEqualTo(1);
        Response replay = api.post("/v1/accounts/" + id + "/actions/send_email", API_KEY,
                Map.of("from", "a@example.com", "to", "b@example.com", "subject", "Once", "text_body", "t"),
                Map.of("Idempotency-Key", "send-race-1"));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(postmark.sentEmailCount() - before).isEqualTo(1);
        Figures.count("idempotency.concurrent_send_copies -> sends", COPIES);
    }

    @Test
    void aSessionRacedByManyTabsLinksOnce() throws Exception {
        String token = api.post("/v1/connect_sessions", API_KEY, Map.of("origin_owner_id", "idem-session",
                "origin_owner_name", "Tabs")).json().path("token").asText();
        List<FakePostmark.Server> servers = new ArrayList<>();
        for (int i = 0; i < COPIES; i++) {
            servers.add(postmark.addServer("Tab " + i));
        }
        List<Response> answers = raceIndexed(i -> api.post("/hub/api/accounts", token, Map.of("provider", "postmark",
                "credentials", Map.of("server_token", servers.get(i).serverToken()))));

        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(answers).extracting(Response::status).isSubsetOf(201, 401, 409);
        assertThat(api.get("/v1/accounts?origin_owner_id=idem-session", API_KEY).json().path("data")).hasSize(1);
    }

    static List<Response> race(Supplier<Response> call) throws Exception {
        return raceIndexed(i -> call.get());
    }

    static List<Response> raceIndexed(java.util.function.IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(COPIES);
        CountDownLatch ready = new CountDownLatch(COPIES);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < COPIES; i++) {
                int n = i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    ready.countDown();
                    try {
                        go.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return call.apply(n);
                }, pool));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (CompletableFuture<Response> c : calls) {
                answers.add(c.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
