package org.connectorhub.hub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.HubCli;
import org.connectorhub.testkit.LogCapture;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak search of the reliability suite, where secrets are most likely to slip out: every
 * provider fault during every operation, hostile bodies that carry the tokens in odd places,
 * tokens sent as API keys and session tokens, the CLI under faults. Then every captured log line
 * (all loggers at TRACE, throwables in full), every response header and body, the CLI's output and
 * error messages, the /metrics text, the activity log and audit trail as the API shows them, and
 * the raw database files (activity and audit tables included) are searched for every token:
 * zero hits. (The base walk over the API is {@code org.connectorhub.hub.LeakTest}.)
 */
class SecretLeakTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @TempDir
    Path dataDir;

    @Test
    void noTokenLeaksUnderFaultsHostileInputAndBadAuth() throws IOException {
        List<String> secrets = new ArrayList<>();
        List<String> sessionTokens = new ArrayList<>();
        HubClient api;
        String logs;
        StringBuilder cliOutput = new StringBuilder();
        String metrics;
        int faultCalls = 0;
        try (FakePostmark postmark = FakePostmark.start(); LogCapture capture = LogCapture.start()) {
            FakePostmark.Server server = postmark.addServer("Leak under faults");
            String accountToken = postmark.addAccountToken();
            String rejected = "77777777-7777-4777-8777-777777777777";
            secrets.addAll(List.of(server.serverToken(), accountToken, rejected, API_KEY));
            try (TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, API_KEY)
                    .connector("postmark", "read_timeout_ms", "400").build())) {
                api = hub.client();
                String id = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "leak",
                        "credentials", Map.of("server_token", server.serverToken(), "account_token", accountToken)))
                        .json().path("id").asText();

                for (ProviderFaultTest.FaultCase fault : ProviderFaultTest.faults()) {
                    FakePostmark.Server fresh = postmark.addServer("Fresh " + fault.name());
                    secrets.add(fresh.serverToken());
                    String session = api.post("/v1/connect_sessions", API_KEY, Map.of("origin_owner_id", "leak-s",
                            "origin_owner_name", "S")).json().path("token").asText();
                    sessionTokens.add(session);
                    postmark.http().faults().add(fault.fault().get());
                    api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "leak-f",
                            "credentials", Map.of("server_token", fresh.serverToken(), "account_token", accountToken)));
                    api.post("/hub/api/accounts", session, Map.of("provider", "postmark",
                            "credentials", Map.of("server_token", fresh.serverToken())));
                    api.patch("/v1/accounts/" + id, API_KEY, Map.of("credentials",
                            Map.of("server_token", fresh.serverToken())), Map.of());
                    api.post("/v1/accounts/" + id + "/verify", API_KEY, "");
                    api.post("/v1/accounts/" + id + "/actions/send_email", API_KEY, Map.of("from", "a@example.com",
                            "to", "b@example.com", "subject", "Leak", "text_body", "t"));
                    api.post("/v1/accounts/" + id + "/actions/list_servers", API_KEY, Map.of("count", 5, "offset", 0));
                    faultCalls += 6;
                    postmark.http().faults().clear();

                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    postmark.http().faults().add(fault.fault().get());
                    HubCli.commandLine(Map.of("HUB_POSTMARK_BASE_URL", postmark.baseUri().toString(),
                                    "HUB_POSTMARK_READ_TIMEOUT_MS", "400", "HUB_POSTMARK_MAX_ATTEMPTS", "1"),
                            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8))
                            .execute("verify", "postmark", "--server-token", fresh.serverToken(),
                                    "--account-token", accountToken);
                    postmark.http().faults().clear();
                    cliOutput.append(out.toString(StandardCharsets.UTF_8));
                    faultCalls++;
                }

                // the tokens in hostile places: wrong types, unknown fields, keys, duplicates, headers
                String token = server.serverToken();
                for (String body : List.of(
                        "{\"provider\":\"postmark\",\"origin_owner_id\":\"h\",\"credentials\":{\"server_token\":[\"" + token + "\"]}}",
                        "{\"provider\":\"postmark\",\"origin_owner_id\":\"h\",\"credentials\":{\"server_token\":{\"t\":\"" + token + "\"}}}",
                        "{\"provider\":\"postmark\",\"origin_owner_id\":\"h\",\"credentials\":{\"" + token + "\":\"x\"}}",
                        "{\"provider\":\"postmark\",\"origin_owner_id\":\"h\",\"credentials\":{\"server_token\":\"" + token
                                + "\",\"server_token\":\"" + rejected + "\"}}",
                        "{\"provider\":\"postmark\",\"origin_owner_id\":\"h\",\"credentials\":{\"server_token\":\"" + token
                                + " \"}}",
                        "{\"provider\":\"postmark\",\"origin_owner_id\":\"h\",\"credentials\":{\"server_token\":\"" + token + "\"",
                        "{\"provider\":\"" + token + "\",\"credentials\":{}}",
                        "{\"provider\":\"postmark\",\"origin_owner_id\":\"h\",\"credentials\":{\"account_token\":\"" + token + "\"}}")) {
                    api.post("/v1/accounts", API_KEY, body);
                    api.patch("/v1/accounts/" + id, API_KEY, body, Map.of());
                }
                api.post("/v1/accounts/" + id + "/actions/send_email", API_KEY, Map.of("from", token, "to", "b@example.com",
                        "subject", "x", "text_body", "t"));
                // tokens where a bearer secret goes
                api.get("/v1/accounts", token);
                api.get("/hub/api/session", token);
                api.get("/v1/accounts", API_KEY + "x");
                api.get("/hub/api/session", sessionTokens.get(0) + "x");
                api.send(api.request("/v1/accounts", null).header("Authorization", "Basic " + token).GET().build());
                api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "h",
                        "credentials", Map.of("server_token", "POSTMARK_API_TEST")), Map.of("Idempotency-Key", "k-" + 1));
                // the activity log and the audit trail of all of it, as an operator reads them
                hub.instance(org.connectorhub.hub.activity.ActivityWriter.class).flush();
                assertThat(api.get("/v1/logs?page_size=200", API_KEY).json().path("data").size()).isPositive();
                assertThat(api.get("/v1/audit?page_size=200", API_KEY).json().path("data").size()).isPositive();
                api.get("/v1/logs?account_id=" + id, API_KEY);
                api.get("/v1/audit?target_id=" + id, API_KEY);
                metrics = api.get("/metrics", null).body();
            }
            logs = capture.text();
        }

        assertThat(logs).as("the capture saw the hub at work").contains("POST /v1/accounts").contains("DEBUG");
        assertThat(metrics).contains("http_server_requests");
        Map<String, String> places = new LinkedHashMap<>();
        places.put("logs (all loggers, TRACE, throwables)", logs);
        places.put("responses (headers and bodies)", api.everythingExcept(r -> r.request().equals("POST /v1/connect_sessions")));
        places.put("CLI output and error messages", cliOutput.toString());
        places.put("/metrics", metrics);
        places.put("raw database files", databaseFiles());
        List<String> all = new ArrayList<>(secrets);
        all.addAll(sessionTokens);
        int hits = 0;
        for (String secret : all) {
            for (Map.Entry<String, String> place : places.entrySet()) {
                if (place.getValue().contains(secret)) {
                    hits++;
                }
                assertThat(place.getValue()).as(place.getKey()).doesNotContain(secret);
            }
        }
        assertThat(places.get("CLI output and error messages")).isNotBlank();
        Figures.count("leaks.secrets_searched", all.size());
        Figures.count("leaks.places_searched", places.size());
        Figures.count("leaks.requests_under_faults", faultCalls);
        Figures.count("leaks.found", hits);
    }

    private String databaseFiles() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("master.key"))
                    .toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(all).isNotEmpty();
        return all.toString();
    }
}
