package org.connectorhub.hub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.HubCli;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A provider outage is not a bad credential. Every fault of the fake Postmark, during every
 * operation that talks to it (link, re-link through a session, credential change, re-verify, action,
 * and the CLI's verify, which answers "unavailable" with exit code 3),
 * answers 503 provider_unavailable (with Retry-After when Postmark gave one), stores nothing,
 * changes nothing and never marks the account invalid. While Postmark hangs, the rest of the hub
 * keeps answering: each provider call is bounded by the read timeout and runs on its own request
 * thread of a bounded pool.
 */
class ProviderFaultTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    /** Short, so read-timeout cases cost little; "slow" answers stay well under it. */
    private static final int READ_TIMEOUT_MS = 600;
    private static final int HANG_READ_TIMEOUT_MS = 5_000;

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;

    /** One row of the table: a fault and what the hub must answer while it lasts. */
    record FaultCase(String name, Supplier<Fault> fault, boolean outage, Optional<String> retryAfter) {
        /**
         * Whether this operation must answer 503. A 200 whose JSON has another shape is an outage
         * for verification (nothing proves the token good), but for an action Postmark accepted
         * the call: the hub hands the data back rather than invite a retry that would send twice.
         */
        boolean outageFor(Operation operation) {
            return outage && !(operation == Operation.ACTION && name.startsWith("200 with an unexpected JSON"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The operations that reach Postmark. */
    enum Operation {
        LINK, SESSION_LINK, CHANGE_CREDENTIALS, REVERIFY, ACTION
    }

    static List<FaultCase> faults() {
        return List.of(
                new FaultCase("500", () -> Fault.status(500), true, Optional.empty()),
                new FaultCase("502", () -> Fault.status(502), true, Optional.empty()),
                new FaultCase("503 without Retry-After", () -> Fault.status(503), true, Optional.empty()),
                new FaultCase("503 with Retry-After 7", () -> Fault.unavailable(Duration.ofSeconds(7)), true, Optional.of("7")),
                new FaultCase("429 with Retry-After 9", () -> Fault.rateLimited(Duration.ofSeconds(9)), true, Optional.of("9")),
                new FaultCase("429 without Retry-After", Fault::rateLimitedWithoutRetryAfter, true, Optional.empty()),
                new FaultCase("read timeout", () -> Fault.delay(Duration.ofMillis(READ_TIMEOUT_MS * 4L)), true, Optional.empty()),
                new FaultCase("slow answer under the timeout", () -> Fault.delay(Duration.ofMillis(50)), false, Optional.empty()),
                new FaultCase("dropped connection", Fault::dropConnection, true, Optional.empty()),
                new FaultCase("200 with a non-JSON body", Fault::malformedBody, true, Optional.empty()),
                new FaultCase("502 HTML error page", () -> Fault.htmlErrorPage(502), true, Optional.empty()),
                new FaultCase("504 HTML error page", () -> Fault.htmlErrorPage(504), true, Optional.empty()),
                new FaultCase("200 with an unexpected JSON array", () -> Fault.unexpectedBody("[1,2,3]"), true, Optional.empty()),
                new FaultCase("200 with an unexpected JSON object", () -> Fault.unexpectedBody("{\"Unexpected\":true}"), true,
                        Optional.empty()),
                new FaultCase("200 with an empty body", () -> Fault.status(200, "application/json", ""), true, Optional.empty()));
    }

    static Stream<Arguments> table() {
        return faults().stream().flatMap(f -> Stream.of(Operation.values()).map(op -> Arguments.of(f, op)));
    }

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.configured((postmark, dataDir) ->
            TestHub.config(postmark, dataDir, API_KEY)
                    .connector("postmark", "read_timeout_ms", Integer.toString(READ_TIMEOUT_MS)).build());

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
    }

    @AfterAll
    static void stop() {
        Figures.count("faults.kinds", faults().size());
        Figures.count("faults.cases (kind x operation, CLI verify included)", (long) faults().size() * (Operation.values().length + 1));
    }

    @AfterEach
    void healthyAgain() {
        postmark.http().faults().clear();
    }

    @ParameterizedTest(name = "{0} during {1}")
    @MethodSource("table")
    void aProviderFaultIsAnOutageNeverABadCredential(FaultCase fault, Operation operation) {
        String owner = "owner-" + operation + "-" + Integer.toHexString(fault.name().hashCode());
        FakePostmark.Server existing = postmark.addServer("Existing " + owner);
        FakePostmark.Server fresh = postmark.addServer("Fresh " + owner);
        JsonNode before = null;
        if (operation != Operation.LINK && operation != Operation.SESSION_LINK) {
            Response linked = api.post("/v1/accounts", API_KEY, link(owner, existing.serverToken()));
            assertThat(linked.status()).as("setup link").isEqualTo(201);
            before = linked.json();
        }
        String sessionToken = operation == Operation.SESSION_LINK ? sessionFor(owner) : null;
        int sentBefore = postmark.sentEmailCount();

        postmark.http().faults().add(fault.fault().get());
        Response response = switch (operation) {
            case LINK -> api.post("/v1/accounts", API_KEY, link(owner, fresh.serverToken()));
            case SESSION_LINK -> api.post("/hub/api/accounts", sessionToken, Map.of("provider", "postmark",
                    "credentials", Map.of("server_token", fresh.serverToken())));
            case CHANGE_CREDENTIALS -> api.patch("/v1/accounts/" + before.path("id").asText(), API_KEY,
                    Map.of("credentials", Map.of("server_token", fresh.serverToken())), Map.of());
            case REVERIFY -> api.post("/v1/accounts/" + before.path("id").asText() + "/verify", API_KEY, "");
            case ACTION -> api.post("/v1/accounts/" + before.path("id").asText() + "/actions/send_email", API_KEY,
                    Map.of("from", "sender@example.com", "to", "receiver@example.com", "subject", "Fault",
                            "text_body", "Hello"));
        };
        postmark.http().faults().clear();

        if (!fault.outageFor(operation)) {
            assertThat(response.status()).as("%s", response).isIn(200, 201);
            return;
        }
        assertThat(response.status()).as("%s", response).isEqualTo(503);
        assertThat(response.code()).isEqualTo("provider_unavailable");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo(fault.retryAfter());
        assertThat(response.body()).doesNotContain(fresh.serverToken()).doesNotContain(existing.serverToken());

        JsonNode accounts = api.get("/v1/accounts?origin_owner_id=" + owner, API_KEY).json().path("data");
        switch (operation) {
            case LINK, SESSION_LINK -> assertThat(accounts).as("a failed link stores nothing").isEmpty();
            default -> {
                assertThat(accounts).hasSize(1);
                JsonNode after = accounts.get(0);
                assertThat(after.path("status").asText()).as("never flipped to invalid").isEqualTo("active");
                assertThat(after.path("provider_account")).as("same provider account").isEqualTo(before.path("provider_account"));
                assertThat(after.path("scopes")).isEqualTo(before.path("scopes"));
                assertThat(after.path("last_verified_at")).as("an outage is no verification").isEqualTo(before.path("last_verified_at"));
                if (operation == Operation.REVERIFY) {
                    // the attempt is recorded as a reason; the status stays
                    assertThat(after.path("status_reasons")).extracting(n -> n.path("code").asText()).contains("provider_unavailable");
                } else {
                    assertThat(after.path("version").asLong()).as("nothing changed").isEqualTo(before.path("version").asLong());
                }
            }
        }
        if (operation == Operation.SESSION_LINK) {
            assertThat(api.get("/hub/api/session", sessionToken).json().path("used").asBoolean())
                    .as("a failed link leaves the session usable").isFalse();
        }
        if (operation == Operation.ACTION && !fault.name().equals("read timeout")) {
            // after a read timeout the fake goes on and may deliver: the hub cannot know, and says so with 503
            assertThat(postmark.sentEmailCount()).isEqualTo(sentBefore);
        }
        // the credential still works once Postmark is back
        if (operation != Operation.LINK && operation != Operation.SESSION_LINK) {
            Response verified = api.post("/v1/accounts/" + before.path("id").asText() + "/verify", API_KEY, "");
            assertThat(verified.json().path("outcome").asText()).isEqualTo("verified");
        }
    }

    @ParameterizedTest(name = "{0} during CLI verify")
    @MethodSource("faults")
    void theCliCallsAnOutageUnavailableNeverRejected(FaultCase fault) {
        FakePostmark.Server server = postmark.addServer("CLI " + fault.name());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        postmark.http().faults().add(fault.fault().get());
        int exit = HubCli.commandLine(Map.of("HUB_POSTMARK_BASE_URL", postmark.baseUri().toString(),
                        "HUB_POSTMARK_READ_TIMEOUT_MS", Integer.toString(READ_TIMEOUT_MS), "HUB_POSTMARK_MAX_ATTEMPTS", "1"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8))
                .execute("verify", "postmark", "--server-token", server.serverToken());
        postmark.http().faults().clear();
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(printed).doesNotContain(server.serverToken());
        if (!fault.outage()) {
            assertThat(exit).as(printed).isEqualTo(HubCli.OK);
            return;
        }
        assertThat(exit).as(printed).isEqualTo(HubCli.UNAVAILABLE);
        assertThat(printed).startsWith("unavailable:").doesNotContain("rejected");
        fault.retryAfter().ifPresent(seconds -> assertThat(printed).contains("retry after " + seconds + "s"));
    }

    @Test
    void otherRequestsKeepAnsweringWhilePostmarkHangs(@TempDir Path ownDir) throws Exception {
        // a hub of its own with a read timeout far above what the 60 other requests take even on a
        // busy machine, so the provider calls are certainly still hanging while those answer
        try (TestHub patient = TestHub.start(TestHub.config(postmark, ownDir, API_KEY)
                .connector("postmark", "read_timeout_ms", Integer.toString(HANG_READ_TIMEOUT_MS)).build())) {
            hangingProviderLeavesOtherRequestsAnswered(patient.client());
        }
    }

    private void hangingProviderLeavesOtherRequestsAnswered(HubClient client) throws Exception {
        int hung = 12;
        FakePostmark.Server server = postmark.addServer("Hanging");
        String accountId = client.post("/v1/accounts", API_KEY, link("owner-hang", server.serverToken())).json()
                .path("id").asText();
        // one account per hung re-verify: concurrent re-verifies of one account race on its version (see docs)
        List<String> verifying = new ArrayList<>();
        for (int i = 0; i < hung; i += 2) {
            verifying.add(client.post("/v1/accounts", API_KEY, link("owner-hang-v" + i, postmark.addServer("V" + i).serverToken()))
                    .json().path("id").asText());
        }
        int requestsBefore = postmark.http().requestCount();
        // hangs far longer than the hub waits: only the hub's read timeout ends these calls
        postmark.http().faults().add(Fault.delay(Duration.ofSeconds(30)));
        ExecutorService pool = Executors.newFixedThreadPool(hung);
        try {
            List<Future<Response>> hanging = new ArrayList<>();
            for (int i = 0; i < hung; i++) {
                int n = i;
                hanging.add(CompletableFuture.supplyAsync(() -> n % 2 == 0
                        ? client.post("/v1/accounts/" + verifying.get(n / 2) + "/verify", API_KEY, "")
                        : client.post("/v1/accounts", API_KEY, link("owner-hang-" + n, postmark.addServer("H" + n).serverToken())),
                        pool));
            }
            // every hung call has reached Postmark and is waiting on it
            await().atMost(Duration.ofSeconds(10)).until(() -> postmark.http().requestCount() - requestsBefore >= hung);

            List<Long> latenciesMicros = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                for (String path : List.of("/healthz", "/v1/accounts?origin_owner_id=owner-hang", "/v1/accounts/" + accountId)) {
                    long start = System.nanoTime();
                    Response response = client.get(path, path.equals("/healthz") ? null : API_KEY);
                    latenciesMicros.add((System.nanoTime() - start) / 1000);
                    assertThat(response.status()).as(path).isEqualTo(200);
                }
            }
            assertThat(hanging).as("the provider calls were still pending while the others answered")
                    .noneMatch(Future::isDone);
            Figures.record("hang.other_requests", latenciesMicros);

            for (Future<Response> call : hanging) {
                Response response = call.get();
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.code()).isEqualTo("provider_unavailable");
            }
        } finally {
            postmark.http().faults().clear();
            pool.shutdownNow();
        }
        JsonNode after = client.get("/v1/accounts/" + accountId, API_KEY).json();
        assertThat(after.path("status").asText()).isEqualTo("active");
        assertThat(client.get("/v1/accounts?origin_owner_id=owner-hang-1", API_KEY).json().path("data")).isEmpty();
    }

    static Map<String, Object> link(String owner, String serverToken) {
        return Map.of("provider", "postmark", "origin_owner_id", owner, "credentials", Map.of("server_token", serverToken));
    }

    static String sessionFor(String owner) {
        Response created = api.post("/v1/connect_sessions", API_KEY, Map.of("origin_owner_id", owner,
                "origin_owner_name", "Owner " + owner));
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("token").asText();
    }
}
