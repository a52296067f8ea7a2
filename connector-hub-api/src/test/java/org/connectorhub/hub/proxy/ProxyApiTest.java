package org.connectorhub.hub.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.port.out.ActivityRecorder;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.Hub;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.HubModules;
import org.connectorhub.hub.http.HttpServer;
import org.connectorhub.testkit.LogCapture;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.fake.RecordedRequest;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy over real HTTP: the hub on loopback, the fake Postmark behind it. Retries are on
 * (three attempts) so that "never twice" means something, and the body limit is small.
 */
class ProxyApiTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final long LIMIT = 8192;

    /** Paths that must never leave Postmark's API; each is refused with 400 before any provider call. */
    static final List<String> HOSTILE_PATHS = List.of(
            "../../../../server",
            "server/../servers",
            "%2e%2e/servers",
            "%2E%2E/servers",
            ".%2e/servers",
            "%2e./servers",
            "./server",
            "%2e/server",
            "server/%2e%2e/servers",
            "server%2f..%2f..%2fservers",
            "%2fservers",
            "templates%2F1",
            "..\\servers",
            "%5c..%5cservers",
            "server%5Cservers",
            "%252e%252e/servers",
            "%252fservers",
            "server%25",
            "http://evil.example/server",
            "https:%2f%2fevil.example/server",
            "/evil.example/server",
            "//evil.example/server",
            "@evil.example/server",
            "server@evil.example",
            "%40evil.example/server",
            "javascript:alert(1)",
            "file:%2f%2f%2fetc%2fpasswd",
            ":8080/server",
            "server%00",
            "server%0d%0aHost:%20evil.example",
            "server%09",
            "server%7f",
            "server%c3%a9",
            "%c0%ae%c0%ae/servers",
            "%ef%bc%8e%ef%bc%8e/servers",
            "server%",
            "server%zz",
            "server%2",
            "server;jsessionid=1",
            "..;/servers",
            "server//x",
            "ser%20ver",
            "server?x=%00",
            "server?a=b\\c",
            "server?{x}",
            "...//server");

    @TempDir
    static Path dataDir;

    static FakePostmark postmark;
    static Hub hub;
    static HubClient api;
    static LogCapture logs;
    static final List<ActivityEntry> activity = new CopyOnWriteArrayList<>();
    static FakePostmark.Server server;
    static String accountToken;
    static String serverOnly;
    static String both;
    static String testAccount;
    static final List<String> tokens = new ArrayList<>();

    @BeforeAll
    static void start() {
        logs = LogCapture.start();
        postmark = FakePostmark.start();
        HubConfig config = TestHub.config(postmark, dataDir, API_KEY)
                .connector("postmark", "max_attempts", "3")
                .connector("postmark", "max_retry_wait_ms", "2000")
                .connector("proxy", "max_body_bytes", Long.toString(LIMIT))
                .build();
        ActivityRecorder recorder = activity::add;
        // the entries are read here as the core hands them over, not after the log's batch writer
        hub = Hub.create(Modules.override(HubModules.server(config, new PrintStream(PrintStream.nullOutputStream())))
                .with(binder -> OptionalBinder.newOptionalBinder(binder, ActivityRecorder.class).setBinding().toInstance(recorder)))
                .start();
        api = new HubClient("http://127.0.0.1:" + hub.instance(HttpServer.class).port());
        server = postmark.addServer("Proxied");
        FakePostmark.Server other = postmark.addServer("Server only");
        accountToken = postmark.addAccountToken();
        tokens.addAll(List.of(server.serverToken(), other.serverToken(), accountToken));
        both = link("owner-both", Map.of("server_token", server.serverToken(), "account_token", accountToken));
        serverOnly = link("owner-server", Map.of("server_token", other.serverToken()));
        testAccount = link("owner-test", Map.of("server_token", "POSTMARK_API_TEST"));
    }

    @AfterAll
    static void stop() {
        try {
            String everything = api.everything() + "\n" + logs.text() + "\n" + activity;
            for (String token : tokens) {
                assertThat(everything).as("no token in any answer, log line or activity entry").doesNotContain(token);
            }
            assertThat(everything).doesNotContain(API_KEY.substring(8));
            assertThat(postmark.http().requests()).allSatisfy(request -> assertThat(request.toString())
                    .as("what the fake received").doesNotContain(API_KEY.substring(8)));
        } finally {
            hub.stop();
            postmark.close();
            logs.close();
        }
    }

    @BeforeEach
    void clean() {
        postmark.http().faults().clear();
    }

    static String link(String owner, Map<String, String> credentials) {
        Response response = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", owner,
                "credentials", credentials));
        assertThat(response.status()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    static String proxy(String account, String path) {
        return "/v1/accounts/" + account + "/proxy/" + path;
    }

    static Map<String, Object> email(String subject) {
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("From", "sender@example.com");
        email.put("To", "receiver@example.com");
        email.put("Subject", subject);
        email.put("TextBody", "Hello");
        return email;
    }

    static RecordedRequest last(String method, String path) {
        List<RecordedRequest> requests = postmark.http().requests(method, path);
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1);
    }

    @Test
    void aGetGoesThroughWithTheServerTokenAndComesBackWithoutApiTokens() {
        Response response = api.get(proxy(both, "server"), API_KEY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().path("Name").asText()).isEqualTo("Proxied");
        assertThat(response.json().has("ApiTokens")).isFalse();
        RecordedRequest sent = last("GET", "/server");
        assertThat(sent.header(FakePostmark.SERVER_TOKEN_HEADER)).contains(server.serverToken());
        assertThat(sent.header(FakePostmark.ACCOUNT_TOKEN_HEADER)).isEmpty();
        assertThat(sent.header("Authorization")).isEmpty();
        assertThat(sent.headers().toString()).doesNotContain(API_KEY);
    }

    @Test
    void aPostSendsAnEmailOnceAndPassesPostmarksAnswerOn() {
        int before = postmark.sentEmailCount();
        Response response = api.post(proxy(serverOnly, "email"), API_KEY, email("Through the proxy"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("MessageID").asText()).isNotBlank();
        assertThat(response.json().path("ErrorCode").asInt()).isZero();
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);
        assertThat(last("POST", "/email").header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void postmarksOwnErrorsComeBackAsTheyAre() {
        Map<String, Object> bad = email("No recipient");
        bad.remove("To");
        Response response = api.post(proxy(serverOnly, "email"), API_KEY, bad);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("ErrorCode").asInt()).isEqualTo(300);
    }

    @Test
    void theQueryStringIsPassedOn() {
        Response response = api.get(proxy(both, "messages/outbound?count=5&offset=0"), API_KEY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(last("GET", "/messages/outbound").queryParam("count")).contains("5");
    }

    @Test
    void anAccountLevelEndpointTakesTheAccountTokenAndLosesEveryApiTokensField() {
        Response response = api.get(proxy(both, "servers?count=10&offset=0"), API_KEY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("Servers").size()).isGreaterThanOrEqualTo(2);
        response.json().path("Servers").forEach(s -> assertThat(s.has("ApiTokens")).isFalse());
        assertThat(response.body()).doesNotContain("ApiTokens");
        RecordedRequest sent = last("GET", "/servers");
        assertThat(sent.header(FakePostmark.ACCOUNT_TOKEN_HEADER)).contains(accountToken);
        assertThat(sent.header(FakePostmark.SERVER_TOKEN_HEADER)).isEmpty();

        long id = response.json().path("Servers").get(0).path("ID").asLong();
        Response one = api.get(proxy(both, "servers/" + id), API_KEY);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().has("ApiTokens")).isFalse();
        assertThat(one.json().path("ID").asLong()).isEqualTo(id);
    }

    @Test
    void anAccountLevelEndpointWithoutTheAccountTokenIs403BeforeAnyCall() {
        int before = postmark.http().requestCount();
        for (String path : List.of("servers?count=1&offset=0", "Servers?count=1&offset=0", "senders?count=1&offset=0",
                "domains/1", "data-removals", "templates/push", "SERVERS/")) {
            Response response = api.get(proxy(serverOnly, path), API_KEY);

            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.code()).isEqualTo("missing_scope");
            assertThat(response.json().path("scope").asText()).isEqualTo("account");
            assertThat(response.json().path("detail").asText()).contains("Account API Token");
        }
        assertThat(postmark.http().requestCount()).isEqualTo(before);
        // and the account is not touched by it
        assertThat(api.get("/v1/accounts/" + serverOnly, API_KEY).json().path("status").asText()).isEqualTo("active");
    }

    @Test
    void hostilePathsAreRefusedWith400AndNothingIsSent() throws IOException {
        assertThat(HOSTILE_PATHS).hasSizeGreaterThanOrEqualTo(30);
        int before = postmark.http().requestCount();
        for (String path : HOSTILE_PATHS) {
            for (String method : List.of("GET", "POST")) {
                int status = rawStatus(method, proxy(both, path));
                assertThat(status).as("%s %s", method, path).isEqualTo(400);
            }
        }
        assertThat(postmark.http().requestCount()).isEqualTo(before);
    }

    @Test
    void aRefusedPathSaysWhyAsAProblem() {
        Response response = api.get(proxy(both, "server/%2e%2e/servers"), API_KEY);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("invalid_proxy_path");
    }

    @Test
    void theCallersCredentialsCookiesAndOtherHeadersNeverReachPostmark() {
        HttpRequest request = api.request(proxy(both, "server"), API_KEY)
                .header("Cookie", "session=secret-cookie")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Postmark-Server-Token", "caller-chosen-token")
                .header("X-Postmark-Account-Token", "caller-chosen-account-token")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("Accept", "application/json")
                .GET().build();
        Response response = api.send(request);

        assertThat(response.status()).isEqualTo(200);
        RecordedRequest sent = last("GET", "/server");
        assertThat(sent.header(FakePostmark.SERVER_TOKEN_HEADER)).contains(server.serverToken());
        assertThat(sent.header(FakePostmark.ACCOUNT_TOKEN_HEADER)).isEmpty();
        for (String name : List.of("Authorization", "Cookie", "X-Forwarded-Host", "Proxy-Authorization")) {
            assertThat(sent.header(name)).as(name).isEmpty();
        }
        assertThat(sent.headers().toString()).doesNotContain(API_KEY).doesNotContain("caller-chosen")
                .doesNotContain("secret-cookie").doesNotContain("evil.example");
    }

    @Test
    void onlyAllowedResponseHeadersComeBack() {
        postmark.http().faults().add("GET", "/server", new Fault.Reply(
                org.connectorhub.testkit.fake.FakeResponse.json(200, "{\"ID\":1}")
                        .withHeader("Set-Cookie", "pm=1").withHeader("X-Internal", "x")).times(1));
        Response response = api.get(proxy(both, "server"), API_KEY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Set-Cookie")).isEmpty();
        assertThat(response.header("X-Internal")).isEmpty();
    }

    @Test
    void aRequestBodyOverTheLimitIs413AndNothingIsSent() {
        int before = postmark.http().requestCount();
        Map<String, Object> big = email("Big");
        big.put("TextBody", "x".repeat((int) LIMIT));

        Response declared = api.post(proxy(serverOnly, "email"), API_KEY, big);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.code()).isEqualTo("payload_too_large");

        byte[] bytes = HubClient.json(big).getBytes(StandardCharsets.UTF_8);
        Response chunked = api.send(api.request(proxy(serverOnly, "email"), API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.code()).isEqualTo("payload_too_large");

        assertThat(postmark.http().requestCount()).isEqualTo(before);
    }

    @Test
    void anAnswerOverTheLimitIsNotPassedOn() {
        String huge = "{\"Name\":\"" + "y".repeat((int) LIMIT) + "\"}";
        postmark.http().faults().add("GET", "/server", Fault.unexpectedBody(huge).times(1));

        Response response = api.get(proxy(both, "server"), API_KEY);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.code()).isEqualTo("provider_response_too_large");
        assertThat(response.body()).doesNotContain("yyyy");
    }

    @Test
    void aPostIsNeverSentTwiceAfterAnOutageWithoutRetryAfter() {
        int before = postmark.http().requests("POST", "/email").size();
        postmark.http().faults().add("POST", "/email", Fault.status(503).times(1));

        Response response = api.post(proxy(serverOnly, "email"), API_KEY, email("Once"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("provider_unavailable");
        assertThat(postmark.http().requests("POST", "/email")).hasSize(before + 1);
    }

    @Test
    void aPostIsNeverSentTwiceAfterADroppedConnection() {
        int before = postmark.http().requests("POST", "/email").size();
        int sent = postmark.sentEmailCount();
        postmark.http().faults().add("POST", "/email", Fault.dropConnection().times(1));

        Response response = api.post(proxy(serverOnly, "email"), API_KEY, email("Dropped"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(postmark.http().requests("POST", "/email")).hasSize(before + 1);
        assertThat(postmark.sentEmailCount()).isEqualTo(sent);
    }

    @Test
    void aPostIsSentAgainOnlyWhenPostmarkSaidWhen() {
        int before = postmark.http().requests("POST", "/email").size();
        int sent = postmark.sentEmailCount();
        postmark.http().faults().add("POST", "/email", Fault.rateLimited(Duration.ZERO).times(1));

        Response response = api.post(proxy(serverOnly, "email"), API_KEY, email("Rate limited once"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(postmark.http().requests("POST", "/email")).hasSize(before + 2);
        assertThat(postmark.sentEmailCount()).isEqualTo(sent + 1);
    }

    @Test
    void aGetIsRetriedOnAnOutage() {
        int before = postmark.http().requests("GET", "/server").size();
        postmark.http().faults().add("GET", "/server", Fault.status(500).times(1));

        Response response = api.get(proxy(both, "server"), API_KEY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(postmark.http().requests("GET", "/server")).hasSize(before + 2);
    }

    @Test
    void anOutageIs503AndMarksNothing() {
        postmark.http().faults().add("GET", "/server", Fault.status(500));

        Response response = api.get(proxy(both, "server"), API_KEY);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("provider_unavailable");
        assertThat(api.get("/v1/accounts/" + both, API_KEY).json().path("status").asText()).isEqualTo("active");

        postmark.http().faults().clear();
        postmark.http().faults().add("GET", "/server", Fault.htmlErrorPage(401));
        Response notPostmark = api.get(proxy(both, "server"), API_KEY);
        assertThat(notPostmark.status()).isEqualTo(503);
        assertThat(api.get("/v1/accounts/" + both, API_KEY).json().path("status").asText()).isEqualTo("active");
    }

    @Test
    void a401FromPostmarkMarksTheAccountInvalid() {
        FakePostmark.Server doomed = postmark.addServer("Doomed");
        tokens.add(doomed.serverToken());
        String account = link("owner-doomed", Map.of("server_token", doomed.serverToken()));
        postmark.revoke(doomed.serverToken());

        Response response = api.get(proxy(account, "server"), API_KEY);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("credentials_rejected");
        assertThat(response.json().path("detail").asText()).contains("Server API Token");
        JsonNode stored = api.get("/v1/accounts/" + account, API_KEY).json();
        assertThat(stored.path("status").asText()).isEqualTo("invalid");
    }

    @Test
    void aSuspendedAccountIs409BeforeAnyCallAndGoesThroughAgainOnceResumed() {
        FakePostmark.Server held = postmark.addServer("Held");
        tokens.add(held.serverToken());
        String account = link("owner-held", Map.of("server_token", held.serverToken()));
        assertThat(api.post("/v1/accounts/" + account + "/suspend", API_KEY, Map.of("reason", "Abuse report")).status())
                .isEqualTo(200);
        int before = postmark.http().requestCount();

        Response refused = api.post(proxy(account, "email"), API_KEY, email("Held back"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("account_suspended");
        assertThat(refused.json().path("reason").asText()).isEqualTo("Abuse report");
        assertThat(postmark.http().requestCount()).isEqualTo(before);

        assertThat(api.post("/v1/accounts/" + account + "/resume", API_KEY, Map.of()).status()).isEqualTo(200);
        assertThat(api.get(proxy(account, "server"), API_KEY).status()).isEqualTo(200);
    }

    @Test
    void aTestTokenAccountGetsPostmarksAnswerUnchanged() {
        Response send = api.post(proxy(testAccount, "email"), API_KEY, email("Test"));
        assertThat(send.status()).isEqualTo(200);
        assertThat(send.json().path("Message").asText()).isEqualTo("Test job accepted");

        Response server = api.get(proxy(testAccount, "server"), API_KEY);
        assertThat(server.status()).isEqualTo(401);
        assertThat(server.json().path("ErrorCode").asInt()).isEqualTo(10);
        assertThat(api.get("/v1/accounts/" + testAccount, API_KEY).json().path("status").asText()).isEqualTo("active");
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswer() {
        int sent = postmark.sentEmailCount();
        Map<String, String> key = Map.of("Idempotency-Key", "proxy-once-1");

        Response first = api.post(proxy(serverOnly, "email"), API_KEY, email("Keyed"), key);
        Response second = api.post(proxy(serverOnly, "email"), API_KEY, email("Keyed"), key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("Idempotent-Replayed")).contains("true");
        assertThat(second.json().path("MessageID").asText()).isEqualTo(first.json().path("MessageID").asText());
        assertThat(postmark.sentEmailCount()).isEqualTo(sent + 1);
        assertThat(last("POST", "/email").header(IdempotencyHeader.NAME)).isEmpty();

        Response different = api.post(proxy(serverOnly, "email"), API_KEY, email("Other"), key);
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.code()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void everyCallWritesOneActivityEntryWithoutSecretLookingQueryValues() {
        int before = activity.size();
        Response response = api.get(proxy(both, "messages/outbound?count=1&offset=0&api_token=abc&recipient="
                + "8c1d3f6e-1234-4bcd-9a8b-0123456789ab"), API_KEY);
        assertThat(response.status()).isEqualTo(200);
        api.get(proxy(both, "server/%2e%2e/servers"), API_KEY);

        // a streamed answer is recorded once its last byte has gone out, so the client can read it
        // first: an earlier test's entry may land after `before`, and this test's own may land late
        String okWhat = "GET /messages/outbound?count=1&offset=0&api_token=REDACTED&recipient=REDACTED";
        String refusedWhat = "GET (refused path)";
        List<ActivityEntry> ours = await().atMost(Duration.ofSeconds(5)).until(() -> List.copyOf(activity).stream()
                .skip(before).filter(e -> e.what().equals(okWhat) || e.what().equals(refusedWhat)).toList(),
                entries -> entries.size() >= 2);
        assertThat(ours).extracting(ActivityEntry::what).containsExactlyInAnyOrder(okWhat, refusedWhat);
        ActivityEntry ok = ours.stream().filter(e -> e.what().equals(okWhat)).findFirst().orElseThrow();
        assertThat(ok.kind()).isEqualTo("proxy");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.accountId()).isEqualTo(both);
        assertThat(ok.provider()).isEqualTo("postmark");
        ActivityEntry refused = ours.stream().filter(e -> e.what().equals(refusedWhat)).findFirst().orElseThrow();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).contains("invalid_proxy_path");
        assertThat(refused.what()).isEqualTo("GET (refused path)");
    }

    @Test
    void withoutTheApiKeyNothingHappens() {
        int before = postmark.http().requestCount();
        assertThat(api.get(proxy(both, "server"), null).status()).isEqualTo(401);
        assertThat(api.get(proxy(both, "server"), "wrong-key").status()).isEqualTo(401);
        assertThat(postmark.http().requestCount()).isEqualTo(before);
    }

    @Test
    void allFiveMethodsAreRouted() {
        HttpRequest put = api.request(proxy(both, "server"), API_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"Name\":\"Renamed\"}")).build();
        Response renamed = api.send(put);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("Name").asText()).isEqualTo("Renamed");
        assertThat(renamed.json().has("ApiTokens")).isFalse();

        HttpRequest patch = api.request(proxy(both, "message-streams/outbound"), API_KEY)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"Name\":\"x\"}")).build();
        Response patched = api.send(patch);
        assertThat(patched.code()).isNotEqualTo("not_found"); // the fake's answer, not the hub's
        assertThat(last("PATCH", "/message-streams/outbound").body()).isEqualTo("{\"Name\":\"x\"}");

        Response created = api.post(proxy(both, "webhooks"), API_KEY, Map.of("Url", "https://example.com/hook"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        long id = created.json().path("ID").asLong();
        Response deleted = api.delete(proxy(both, "webhooks/" + id), API_KEY);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(last("DELETE", "/webhooks/" + id).header(FakePostmark.SERVER_TOKEN_HEADER))
                .contains(server.serverToken());
        assertThat(api.delete(proxy(both, "webhooks/" + id), API_KEY).json().has("ErrorCode")).isTrue();
    }

    /** The status of a request sent byte for byte as written (no client-side normalization or escaping). */
    static int rawStatus(String method, String target) throws IOException {
        String base = api.baseUrl().replace("http://", "");
        int colon = base.indexOf(':');
        try (Socket socket = new Socket(base.substring(0, colon), Integer.parseInt(base.substring(colon + 1)))) {
            socket.setSoTimeout(10_000);
            String body = method.equals("POST") ? "{}" : "";
            String request = method + " " + target + " HTTP/1.1\r\nHost: " + base + "\r\nAuthorization: Bearer " + API_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body;
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        }
    }

    /** The header the hub keeps to itself. */
    static final class IdempotencyHeader {
        static final String NAME = "Idempotency-Key";
    }
}
