package org.connectorhub.hub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.AuthFailureLimiter;
import org.connectorhub.hub.projects.Authentication;
import org.connectorhub.hub.sessions.ConnectSessions;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects are walled off from each other; bearer secrets are found by hash, never compared
 * byte by byte; bad session tokens of every kind are 401; a client guessing API keys is throttled.
 */
class IsolationAndAuthTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final String OTHER_KEY = ApiKeys.newApiKey();

    @TempDir
    static Path dataDir;

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;
    static String mine;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.withApiKey(API_KEY);

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
        hub.instance(ProjectStore.class).create("Other", ApiKeys.hash(OTHER_KEY));
        mine = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "shared-owner",
                "credentials", Map.of("server_token", postmark.addServer("Mine").serverToken(),
                        "account_token", postmark.addAccountToken()))).json().path("id").asText();
    }

    /** Every route that takes an account id, as the other project would call it. */
    static Map<String, Response> everyAccountRoute(String key, String id) {
        Map<String, Response> answers = new LinkedHashMap<>();
        answers.put("GET", api.get("/v1/accounts/" + id, key));
        answers.put("PATCH label", api.patch("/v1/accounts/" + id, key, Map.of("label", "x"), Map.of()));
        answers.put("PATCH credentials", api.patch("/v1/accounts/" + id, key,
                Map.of("credentials", Map.of("server_token", "POSTMARK_API_TEST")), Map.of()));
        answers.put("PATCH If-Match", api.patch("/v1/accounts/" + id, key, Map.of("label", "x"), Map.of("If-Match", "\"1\"")));
        answers.put("verify", api.post("/v1/accounts/" + id + "/verify", key, ""));
        answers.put("send_email", api.post("/v1/accounts/" + id + "/actions/send_email", key, Map.of("from",
                "a@example.com", "to", "b@example.com", "subject", "x", "text_body", "x")));
        answers.put("list_servers", api.post("/v1/accounts/" + id + "/actions/list_servers", key, Map.of("count", 1, "offset", 0)));
        answers.put("unknown action", api.post("/v1/accounts/" + id + "/actions/launch", key, Map.of()));
        answers.put("relink session", api.post("/v1/connect_sessions", key, Map.of("origin_owner_id", "shared-owner",
                "origin_owner_name", "Shared", "account_id", id)));
        answers.put("DELETE", api.delete("/v1/accounts/" + id, key));
        return answers;
    }

    @Test
    void anotherProjectsAccountIsNotFoundOnEveryRouteAndLooksLikeAMissingOne() {
        int sentBefore = postmark.sentEmailCount();
        int requestsBefore = postmark.http().requestCount();
        Map<String, Response> foreign = everyAccountRoute(OTHER_KEY, mine);
        Map<String, Response> missing = everyAccountRoute(OTHER_KEY, "acc_00000000000000000000000000");

        foreign.forEach((route, response) -> {
            assertThat(response.status()).as(route).isEqualTo(404);
            assertThat(response.code()).as(route).isEqualTo("account_not_found");
            assertThat(response.contentType()).as(route).startsWith("application/problem+json");
            assertThat(response.body()).as("%s: an existing id answers like a missing one", route)
                    .isEqualTo(missing.get(route).body().replace("acc_00000000000000000000000000", mine));
        });
        assertThat(postmark.http().requestCount()).as("Postmark never asked").isEqualTo(requestsBefore);
        assertThat(postmark.sentEmailCount()).isEqualTo(sentBefore);
        assertThat(api.get("/v1/accounts?origin_owner_id=shared-owner", OTHER_KEY).json().path("data")).isEmpty();
        Response still = api.get("/v1/accounts/" + mine, API_KEY);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.json().path("label").isNull() || still.json().path("label").isMissingNode()).isTrue();
        Figures.count("isolation.routes_checked", foreign.size());
    }

    @Test
    void anotherProjectsSessionSeesOnlyItsOwnProject() {
        String otherSession = session(OTHER_KEY, Map.of("origin_owner_id", "shared-owner", "origin_owner_name", "Shared"));
        Response list = api.get("/hub/api/accounts", otherSession);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data")).as("same owner id, other project").isEmpty();
        assertThat(api.get("/v1/accounts/" + mine, otherSession).status()).as("a session token is no API key").isEqualTo(401);
        assertThat(api.get("/v1/accounts", otherSession).status()).isEqualTo(401);
    }

    @Test
    void expiredForgedAlteredReusedAndMisplacedSessionTokensAre401() {
        Map<String, Response> answers = new LinkedHashMap<>();
        Map<String, Object> expiring = new LinkedHashMap<>(Map.of("origin_owner_id", "o-exp", "origin_owner_name", "E"));
        expiring.put("expires_in", 1);
        String expired = session(API_KEY, expiring);
        String used = session(API_KEY, Map.of("origin_owner_id", "o-used", "origin_owner_name", "U"));
        Response linked = api.post("/hub/api/accounts", used, Map.of("provider", "postmark",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST")));
        assertThat(linked.status()).isEqualTo(201);
        String valid = session(API_KEY, Map.of("origin_owner_id", "o-valid", "origin_owner_name", "V"));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/hub/api/session", expired).status() == 401);

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", expired);
        bad.put("forged", ApiKeys.newSessionToken());
        bad.put("altered last character", valid.substring(0, valid.length() - 1)
                + (valid.endsWith("A") ? "B" : "A"));
        bad.put("truncated", valid.substring(0, valid.length() - 1));
        bad.put("without prefix", valid.substring(ApiKeys.SESSION_TOKEN_PREFIX.length()));
        bad.put("an API key", API_KEY);
        bad.put("another project's API key", OTHER_KEY);
        bad.put("empty", "");
        for (Map.Entry<String, String> token : bad.entrySet()) {
            answers.put(token.getKey() + " session", api.get("/hub/api/session", token.getValue()));
            answers.put(token.getKey() + " link", api.post("/hub/api/accounts", token.getValue(), Map.of("provider",
                    "postmark", "credentials", Map.of("server_token", "POSTMARK_API_TEST"))));
            answers.put(token.getKey() + " list", api.get("/hub/api/accounts", token.getValue()));
        }
        answers.put("reused after success", api.post("/hub/api/accounts", used, Map.of("provider", "postmark",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST"))));

        answers.forEach((what, response) -> {
            assertThat(response.status()).as(what).isEqualTo(401);
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        });
        assertThat(answers.get("expired link").code()).isEqualTo("session_expired");
        assertThat(answers.get("reused after success").code()).isEqualTo("session_used");
        assertThat(answers.get("forged session").code()).isEqualTo("session_invalid");
        assertThat(api.get("/v1/accounts?origin_owner_id=o-exp", API_KEY).json().path("data")).isEmpty();
        assertThat(api.get("/v1/accounts?origin_owner_id=o-used", API_KEY).json().path("data")).hasSize(1);
        assertThat(api.get("/hub/api/session", valid).status()).as("the real token still works").isEqualTo(200);
        Figures.count("auth.bad_session_token_requests", answers.size());
    }

    @Test
    void apiKeysAndSessionTokensAreFoundByHashNeverComparedDirectly() {
        JavaClass authentication = new ClassFileImporter().importClasses(Authentication.class).get(Authentication.class);
        JavaClass sessions = new ClassFileImporter().importClasses(ConnectSessions.class).get(ConnectSessions.class);
        Set<String> authCalls = calls(authentication);
        Set<String> sessionCalls = calls(sessions);

        assertThat(authCalls).contains("ApiKeys.hash", "ProjectStore.findByApiKeyHash");
        assertThat(sessionCalls).contains("ApiKeys.hash");
        assertThat(authCalls).as("no secret compared with String.equals / compareTo")
                .doesNotContain("String.equals", "String.compareTo", "String.contentEquals", "Arrays.equals");
        // where hashes are compared in memory, the comparison is constant-time
        String a = ApiKeys.hash("a");
        assertThat(ApiKeys.sameHash(a, ApiKeys.hash("a"))).isTrue();
        assertThat(ApiKeys.sameHash(a, ApiKeys.hash("b"))).isFalse();
        JavaClass apiKeys = new ClassFileImporter().importClasses(ApiKeys.class).get(ApiKeys.class);
        assertThat(calls(apiKeys)).contains("MessageDigest.isEqual");

        // a key differing only in its last character and one differing in its first are both simply unknown
        String lastChanged = API_KEY.substring(0, API_KEY.length() - 1) + (API_KEY.endsWith("A") ? "B" : "A");
        char firstChar = API_KEY.charAt(ApiKeys.API_KEY_PREFIX.length());
        // never the key's own first character, or the "changed" key would be the key itself
        String firstChanged = ApiKeys.API_KEY_PREFIX + (firstChar == 'X' ? 'Y' : 'X')
                + API_KEY.substring(ApiKeys.API_KEY_PREFIX.length() + 1);
        assertThat(firstChanged).isNotEqualTo(API_KEY);
        assertThat(lastChanged).isNotEqualTo(API_KEY);
        Response last = api.get("/v1/accounts", lastChanged);
        Response first = api.get("/v1/accounts", firstChanged);
        assertThat(last.status()).isEqualTo(401);
        assertThat(first.body()).isEqualTo(last.body());
    }

    @Test
    void aKeyDifferingFromAValidOneOnlyInLetterCaseIsRefusedOnTheSameConnection() {
        // Jetty's per-connection header cache once matched a header ignoring case, turning such a
        // key into the valid one sent just before it; each letter position is tried
        String key = API_KEY;
        List<Integer> letters = new ArrayList<>();
        for (int i = ApiKeys.API_KEY_PREFIX.length(); i < key.length(); i++) {
            if (Character.isLetter(key.charAt(i))) {
                letters.add(i);
            }
        }
        assertThat(letters).isNotEmpty();
        List<String> accepted = new ArrayList<>();
        for (int i : letters.subList(0, Math.min(6, letters.size()))) {
            char c = key.charAt(i);
            String swapped = key.substring(0, i) + (Character.isUpperCase(c) ? Character.toLowerCase(c)
                    : Character.toUpperCase(c)) + key.substring(i + 1);
            assertThat(api.get("/v1/accounts", key).status()).isEqualTo(200);
            if (api.get("/v1/accounts", swapped).status() != 401) {
                accepted.add("letter " + i);
            }
        }
        assertThat(accepted).as("keys in the wrong case accepted").isEmpty();
    }

    @Test
    void aClientSendingBadApiKeysIsThrottledOthersAreNot() throws IOException {
        // a hub of its own: the throttle would otherwise hit this class's other tests (all on 127.0.0.1)
        try (TestHub throttled = TestHub.start(TestHub.config(postmark, dataDir.resolve("throttled"), API_KEY).build())) {
            HubClient client = throttled.client();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < AuthFailureLimiter.MAX_FAILURES; i++) {
                statuses.add(client.get("/v1/accounts", ApiKeys.newApiKey()).status());
            }
            assertThat(statuses).containsOnly(401);

            Response limited = client.get("/v1/accounts", ApiKeys.newApiKey());
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.code()).isEqualTo("too_many_failed_attempts");
            assertThat(limited.contentType()).startsWith("application/problem+json");
            assertThat(Integer.parseInt(limited.header("Retry-After").orElseThrow())).isBetween(1, 60);
            assertThat(client.get("/v1/accounts", API_KEY).status())
                    .as("while throttled, the address gets 429 before any key is looked up").isEqualTo(429);
            assertThat(client.get("/healthz", null).status()).as("unauthenticated routes still answer").isEqualTo(200);

            // another client address (127.0.0.2 is loopback too on Linux) is not affected
            int port = URI.create(client.baseUrl()).getPort();
            assertThat(rawGetStatus(InetAddress.getByName("127.0.0.2"), port, "/v1/accounts", API_KEY)).isEqualTo(200);
            assertThat(rawGetStatus(InetAddress.getByName("127.0.0.2"), port, "/v1/accounts", ApiKeys.newApiKey()))
                    .isEqualTo(401);
        }
    }

    static Set<String> calls(JavaClass type) {
        return type.getMethodCallsFromSelf().stream().map(JavaMethodCall::getTarget)
                .map(t -> t.getOwner().getSimpleName() + "." + t.getName()).collect(Collectors.toSet());
    }

    static String session(String key, Map<String, Object> body) {
        Response created = api.post("/v1/connect_sessions", key, body);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().path("token").asText();
    }

    /** A GET over a plain socket from a chosen local address; returns the status code. */
    static int rawGetStatus(InetAddress from, int port, String path, String bearer) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + bearer
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
