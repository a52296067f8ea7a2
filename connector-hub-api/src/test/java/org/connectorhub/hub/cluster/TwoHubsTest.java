package org.connectorhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.crypto.CipherLifecycle;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.HubCli;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.hub.config.DatabaseSettings;
import org.connectorhub.hub.storage.TestDatabases;
import org.connectorhub.testkit.fake.RecordedRequest;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hubs on one PostgreSQL database behind an imaginary load balancer: whatever one does, the
 * other sees on its next request (its action path within the cache TTL, HotPathCacheTwoHubsTest);
 * races between them are settled by the database.
 */
class TwoHubsTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @TempDir
    static Path dirA;

    @TempDir
    static Path dirB;

    static FakePostmark postmark;
    static TwoHubs hubs;
    static HubClient a;
    static HubClient b;

    @BeforeAll
    static void start() {
        postmark = FakePostmark.start();
        hubs = new TwoHubs(postmark, TestDatabases.newPostgresDatabase(), MasterKey.generateBase64(), API_KEY, dirA, dirB);
        a = hubs.a.client();
        b = hubs.b.client();
    }

    @AfterAll
    static void stop() {
        hubs.close();
        postmark.close();
    }

    @Test
    void theHubsHaveTheirOwnPortsAndDataDirectories() {
        assertThat(a.baseUrl()).isNotEqualTo(b.baseUrl());
        assertThat(hubs.a.config().cipher().dataDir()).isNotEqualTo(hubs.b.config().cipher().dataDir());
        assertThat(a.get("/readyz", null).status()).isEqualTo(200);
        assertThat(b.get("/readyz", null).status()).isEqualTo(200);
    }

    @Test
    void aSessionCreatedOnALinksOnBAndTheAccountListsOnA() {
        Response session = a.post("/v1/connect_sessions", API_KEY, Map.of("origin_owner_id", "session-owner",
                "origin_owner_name", "Session Owner", "provider", "postmark"));
        assertThat(session.status()).isEqualTo(201);
        String token = session.json().path("token").asText();

        Response linked = b.post("/hub/api/accounts", token, Map.of("provider", "postmark",
                "credentials", Map.of("server_token", postmark.addServer("Via B").serverToken())));

        assertThat(linked.status()).isEqualTo(201);
        String id = linked.json().path("id").asText();
        assertThat(ids(a.get("/v1/accounts?origin_owner_id=session-owner", API_KEY))).containsExactly(id);
        assertThat(ids(a.get("/hub/api/accounts", token))).containsExactly(id);
        assertThat(a.get("/v1/accounts/" + id, API_KEY).json().path("provider_account").path("name").asText())
                .isEqualTo("Via B");
    }

    @Test
    void theSameProviderAccountLinkedOnBothHubsAtOnceIsOneAccount() throws Exception {
        String token = postmark.addServer("Raced").serverToken();

        List<Response> responses = TwoHubs.atOnce(
                () -> a.post("/v1/accounts", API_KEY, TwoHubs.link("race-owner", token)),
                () -> b.post("/v1/accounts", API_KEY, TwoHubs.link("race-owner", token)));

        assertThat(responses).extracting(Response::status).allMatch(status -> status == 200 || status == 201)
                .contains(201);
        assertThat(responses).extracting(r -> r.json().path("id").asText()).doesNotContain("").hasSize(2)
                .containsOnly(responses.get(0).json().path("id").asText());
        assertThat(ids(a.get("/v1/accounts?origin_owner_id=race-owner", API_KEY))).hasSize(1);
        assertThat(ids(b.get("/v1/accounts?origin_owner_id=race-owner", API_KEY))).hasSize(1);
    }

    @Test
    void concurrentUpdatesOfOneVersionOnBothHubsGiveOneSuccessAndOneConflict() throws Exception {
        String id = link(a, "patch-owner", postmark.addServer("Patched").serverToken());
        long version = a.get("/v1/accounts/" + id, API_KEY).json().path("version").asLong();
        Map<String, String> ifMatch = Map.of("If-Match", "\"" + version + "\"");

        List<Response> responses = TwoHubs.atOnce(
                () -> a.patch("/v1/accounts/" + id, API_KEY, Map.of("label", "from A"), ifMatch),
                () -> b.patch("/v1/accounts/" + id, API_KEY, Map.of("label", "from B"), ifMatch));

        assertThat(responses).extracting(Response::status).containsExactlyInAnyOrder(200, 409);
        Response winner = responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
        Response loser = responses.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(loser.code()).isEqualTo("version_conflict");
        assertThat(loser.contentType()).startsWith("application/problem+json");
        JsonNode stored = b.get("/v1/accounts/" + id, API_KEY).json();
        assertThat(stored.path("version").asLong()).isEqualTo(version + 1);
        assertThat(stored.path("label").asText()).isEqualTo(winner.json().path("label").asText());
    }

    @Test
    void aKeyRotatedOnAIsUsedByBForItsNextSealAndBothOpenEverything() {
        CipherLifecycle cipherA = hubs.a.instance(CipherLifecycle.class);
        String before = link(b, "rotation-old", postmark.addServer("Sealed before").serverToken());
        int versionBefore = cipherA.keyVersionOf(hubs.sealedCredentials(before));

        int rotated = cipherA.rotate();
        String after = link(b, "rotation-new", postmark.addServer("Sealed after").serverToken());

        assertThat(rotated).isGreaterThan(versionBefore);
        assertThat(cipherA.keyVersionOf(hubs.sealedCredentials(after))).isEqualTo(rotated);
        assertThat(hubs.b.instance(CipherLifecycle.class).keyVersionOf(hubs.sealedCredentials(before)))
                .isEqualTo(versionBefore);
        for (HubClient hub : List.of(a, b)) {
            for (String id : List.of(before, after)) {
                assertThat(hub.post("/v1/accounts/" + id + "/actions/send_email", API_KEY, TwoHubs.email("Rotation"))
                        .status()).as("action on %s via %s", id, hub.baseUrl()).isEqualTo(200);
            }
        }
    }

    @Test
    void aKeyRotatedWithTheCliAgainstTheSharedDatabaseIsUsedByBothRunningHubs(@TempDir Path cliDir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = HubCli.commandLine(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err).execute(
                "keys", "rotate", "--data-dir", cliDir.toString(), "--db-url", hubs.database.jdbcUrl(),
                "--db-user", hubs.database.user(), "--db-password", hubs.database.password(),
                "--master-key", hubs.a.config().cipher().masterKey().orElseThrow());
        assertThat(exit).isEqualTo(HubCli.OK);
        String printed = out.toString(StandardCharsets.UTF_8);
        int rotated = Integer.parseInt(printed.replaceAll("(?s).*key version (\\d+) is now primary.*", "$1").strip());

        String onA = link(a, "cli-rotation-a", postmark.addServer("CLI rotation A").serverToken());
        String onB = link(b, "cli-rotation-b", postmark.addServer("CLI rotation B").serverToken());

        CipherLifecycle cipher = hubs.a.instance(CipherLifecycle.class);
        assertThat(cipher.keyVersionOf(hubs.sealedCredentials(onA))).isEqualTo(rotated);
        assertThat(cipher.keyVersionOf(hubs.sealedCredentials(onB))).isEqualTo(rotated);
    }

    @Test
    void anAccountDeletedOnBIsGoneFromAsApiAtOnceAndFromItsActionsWithinTheCacheTtl() {
        String id = link(a, "delete-owner", postmark.addServer("Deleted").serverToken());
        assertThat(a.post("/v1/accounts/" + id + "/actions/send_email", API_KEY, TwoHubs.email("Warm")).status())
                .isEqualTo(200);

        assertThat(b.delete("/v1/accounts/" + id, API_KEY).status()).isEqualTo(204);

        assertThat(a.get("/v1/accounts/" + id, API_KEY).status()).isEqualTo(404);
        assertThat(ids(a.get("/v1/accounts?origin_owner_id=delete-owner", API_KEY))).isEmpty();
        // A's action path caches account rows (HUB_CACHE_ACCOUNT_TTL, 60 s) and drops this one when B's notice
        // arrives: gone for it within a fraction of a second, far inside the TTL
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response action = a.post("/v1/accounts/" + id + "/actions/send_email", API_KEY,
                    TwoHubs.email("After delete"));
            assertThat(action.status()).isEqualTo(404);
            assertThat(action.code()).isEqualTo("account_not_found");
        });
    }

    @Test
    void credentialsChangedOnBAreWhatAUsesWithinTheCacheTtl() {
        FakePostmark.Server first = postmark.addServer("First token");
        FakePostmark.Server second = postmark.addServer("Second token");
        String id = link(a, "relink-owner", first.serverToken());
        assertThat(a.post("/v1/accounts/" + id + "/actions/send_email", API_KEY, TwoHubs.email("With first")).status())
                .isEqualTo(200);

        Response patched = b.patch("/v1/accounts/" + id, API_KEY,
                Map.of("credentials", Map.of("server_token", second.serverToken())), Map.of());
        assertThat(patched.status()).isEqualTo(200);
        // A's cached client for the first token must not be used again: the fake now refuses that token
        postmark.revoke(first.serverToken());

        // A's action path caches account rows until B's notice arrives: it may try its cached row
        // (the revoked first token) once before that, which marks nothing, then uses the new one
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.post("/v1/accounts/" + id
                + "/actions/send_email", API_KEY, TwoHubs.email("With second")).status()).isEqualTo(200));

        assertThat(sendsWith(first.serverToken())).isBetween(1L, 2L);
        assertThat(sendsWith(second.serverToken())).isEqualTo(1);
        assertThat(a.get("/v1/accounts/" + id, API_KEY).json().path("status").asText()).isEqualTo("active");
        assertThat(a.get("/v1/accounts/" + id, API_KEY).json().path("provider_account").path("name").asText())
                .isEqualTo("Second token");
    }

    @Test
    void anIdempotencyKeyUsedOnAIsReplayedByB() {
        String id = link(a, "idempotent-owner", postmark.addServer("Idempotent").serverToken());
        Map<String, String> key = Map.of("Idempotency-Key", "cluster-" + id);
        int sentBefore = postmark.sentEmailCount();

        Response first = a.post("/v1/accounts/" + id + "/actions/send_email", API_KEY, TwoHubs.email("Once"), key);
        Response repeat = b.post("/v1/accounts/" + id + "/actions/send_email", API_KEY, TwoHubs.email("Once"), key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.header("Idempotent-Replayed")).contains("true");
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(postmark.sentEmailCount()).isEqualTo(sentBefore + 1);
    }

    @Test
    void anApiKeyAddedThroughOneHubAuthenticatesOnTheOther() {
        String key = ApiKeys.newApiKey();
        hubs.a.instance(org.connectorhub.hub.projects.ProjectStore.class).addApiKey("default", ApiKeys.hash(key));

        assertThat(b.get("/v1/accounts", key).status()).isEqualTo(200);
    }

    @Test
    void twoHubsStartedAtOnceOnAnEmptyDatabaseShareOneSchemaAndOneKeyset(@TempDir Path dirC, @TempDir Path dirD)
            throws Exception {
        DatabaseSettings empty = TestDatabases.newPostgresDatabase();
        String masterKey = MasterKey.generateBase64();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            Future<TestHub> c = pool.submit(() -> {
                go.await();
                return TestHub.start(onDatabase(empty, dirC, masterKey));
            });
            Future<TestHub> d = pool.submit(() -> {
                go.await();
                return TestHub.start(onDatabase(empty, dirD, masterKey));
            });
            go.countDown();
            try (TestHub hubC = c.get(60, TimeUnit.SECONDS); TestHub hubD = d.get(60, TimeUnit.SECONDS)) {
                String id = link(hubC.client(), "started-together", postmark.addServer("Together").serverToken());
                assertThat(hubD.client().post("/v1/accounts/" + id + "/actions/send_email", API_KEY,
                        TwoHubs.email("Together")).status()).isEqualTo(200);
                assertThat(hubD.instance(CipherLifecycle.class).primaryVersion()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static HubConfig onDatabase(DatabaseSettings database, Path dataDir, String masterKey) {
        return TestHub.config(postmark, dataDir, API_KEY).dbUrl(database.jdbcUrl()).dbUser(database.user())
                .dbPassword(database.password()).masterKey(masterKey).build();
    }

    private static String link(HubClient hub, String owner, String serverToken) {
        Response response = hub.post("/v1/accounts", API_KEY, TwoHubs.link(owner, serverToken));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private static long sendsWith(String serverToken) {
        return postmark.http().requests("POST", "/email").stream()
                .map((RecordedRequest request) -> request.header(FakePostmark.SERVER_TOKEN_HEADER).orElse(""))
                .filter(serverToken::equals)
                .count();
    }

    private static List<String> ids(Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        list.json().path("data").forEach(account -> ids.add(account.path("id").asText()));
        return ids;
    }
}
