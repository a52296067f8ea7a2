package org.connectorhub.hub;

import org.connectorhub.hub.crypto.ApiKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.HubCli;
import org.connectorhub.testkit.LogCapture;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the API with real tokens (good, bad, swapped, through sessions, actions, verification,
 * outages, CLI) and then searches every log line, every response (headers and bodies) and the raw
 * database file for each token used. Session tokens may appear only in the response that created
 * them (a key made through {@code POST /v1/api_keys} likewise); the generated API key only on the
 * console, once.
 */
class LeakTest {
    @TempDir
    Path dataDir;

    @Test
    void noTokenReachesLogsResponsesOrTheDatabaseFile() throws IOException {
        List<String> providerTokens = new ArrayList<>();
        List<String> sessionTokens = new ArrayList<>();
        String apiKey;
        HubClient api;
        String logs;
        try (FakePostmark postmark = FakePostmark.start(); LogCapture capture = LogCapture.start()) {
            FakePostmark.Server server = postmark.addServer("Leaky");
            FakePostmark.Server second = postmark.addServer("Leaky two");
            String accountToken = postmark.addAccountToken();
            String wrongToken = "66666666-6666-4666-8666-666666666666";
            providerTokens.addAll(List.of(server.serverToken(), second.serverToken(), accountToken, wrongToken));

            try (TestHub hub = TestHub.start(postmark, dataDir, null)) {
                apiKey = hub.console().lines().filter(l -> l.contains(ApiKeys.API_KEY_PREFIX)).findFirst()
                        .orElseThrow().replaceAll(".*: ", "");
                api = hub.client();

                String id = api.post("/v1/accounts", apiKey, Map.of("provider", "postmark", "origin_owner_id", "leak",
                        "credentials", Map.of("server_token", server.serverToken(), "account_token", accountToken)))
                        .json().path("id").asText();
                api.post("/v1/accounts", apiKey, Map.of("provider", "postmark", "origin_owner_id", "leak",
                        "credentials", Map.of("server_token", wrongToken)));
                api.post("/v1/accounts", apiKey, Map.of("provider", "postmark", "origin_owner_id", "leak",
                        "credentials", Map.of("server_token", accountToken, "account_token", server.serverToken())));
                api.post("/v1/accounts", apiKey, "{\"provider\":\"postmark\",\"credentials\":{\"server_token\":\""
                        + server.serverToken() + "\"");
                api.post("/v1/accounts", apiKey, Map.of("provider", "postmark", "origin_owner_id", "leak",
                        "credentials", Map.of("server_token", 42, "account_token", accountToken)));
                api.get("/v1/accounts/" + id, apiKey);
                api.get("/v1/accounts?origin_owner_id=leak", apiKey);
                api.patch("/v1/accounts/" + id, apiKey, Map.of("credentials", Map.of("server_token", wrongToken)), Map.of());
                api.post("/v1/accounts/" + id + "/verify", apiKey, "");
                api.post("/v1/accounts/" + id + "/actions/send_email", apiKey, Map.of("from", "a@example.com",
                        "to", "b@example.com", "subject", "Leak", "text_body", "Hi"), Map.of("Idempotency-Key", "leak-1"));
                api.post("/v1/accounts/" + id + "/actions/send_email", apiKey, Map.of("from", "a@example.com",
                        "to", "b@example.com", "subject", "Leak", "text_body", "Hi"), Map.of("Idempotency-Key", "leak-1"));
                api.post("/v1/accounts/" + id + "/actions/list_servers", apiKey, Map.of("count", 5, "offset", 0));
                postmark.http().faults().add(Fault.unavailable(Duration.ofSeconds(2)));
                api.post("/v1/accounts", apiKey, Map.of("provider", "postmark", "origin_owner_id", "leak",
                        "credentials", Map.of("server_token", second.serverToken())));
                postmark.http().faults().clear();

                Response session = api.post("/v1/connect_sessions", apiKey, Map.of("origin_owner_id", "leak",
                        "origin_owner_name", "Leak"));
                String sessionToken = session.json().path("token").asText();
                sessionTokens.add(sessionToken);
                api.get("/hub/api/session", sessionToken);
                api.send(api.request("/hub?token=" + sessionToken, null).GET().build());
                api.post("/hub/api/accounts", sessionToken, Map.of("provider", "postmark",
                        "credentials", Map.of("server_token", wrongToken)));
                api.post("/hub/api/accounts", sessionToken, Map.of("provider", "postmark",
                        "credentials", Map.of("server_token", second.serverToken())));
                api.post("/hub/api/accounts", sessionToken, Map.of("provider", "postmark",
                        "credentials", Map.of("server_token", second.serverToken())));
                api.get("/hub/api/accounts", sessionToken);
                api.get("/metrics", null);

                // a second API key: shown in the answer that created it, nowhere else
                Response createdKey = api.post("/v1/api_keys", apiKey, Map.of());
                String secondKey = createdKey.json().path("key").asText();
                sessionTokens.add(secondKey);
                api.get("/v1/api_keys", secondKey);
                api.delete("/v1/api_keys/" + createdKey.json().path("id").asText(), secondKey);
                api.get("/v1/accounts", secondKey);
            }

            ByteArrayOutputStream cliOut = new ByteArrayOutputStream();
            HubCli.commandLine(Map.of("HUB_POSTMARK_BASE_URL", postmark.baseUri().toString()),
                    new PrintStream(cliOut, true, StandardCharsets.UTF_8), new PrintStream(cliOut, true, StandardCharsets.UTF_8))
                    .execute("verify", "postmark", "--server-token", server.serverToken(), "--account-token", accountToken);
            assertThat(cliOut.toString(StandardCharsets.UTF_8)).startsWith("verified");
            for (String token : providerTokens) {
                assertThat(cliOut.toString(StandardCharsets.UTF_8)).doesNotContain(token);
            }
            logs = capture.text();
        }

        assertThat(logs).contains("POST /v1/accounts");
        // the access line: method, path without its query string, status, milliseconds
        assertThat(logs).containsPattern("INFO org\\.connectorhub\\.hub\\.access: POST /v1/accounts/[^ /]+/actions/send_email 200 \\d+ms")
                .containsPattern("INFO org\\.connectorhub\\.hub\\.access: GET /hub 200 \\d+ms");
        String database = databaseFiles();
        assertThat(database).isNotEmpty();
        String responses = api.everything();
        String responsesButSessionCreation = api.everythingExcept(r -> r.request().equals("POST /v1/connect_sessions")
                || r.request().equals("POST /v1/api_keys"));

        List<String> everySecret = new ArrayList<>(providerTokens);
        everySecret.addAll(sessionTokens);
        everySecret.add(apiKey);
        for (String secret : everySecret) {
            assertThat(logs).as("logs").doesNotContain(secret);
            assertThat(database).as("database file").doesNotContain(secret);
            assertThat(responsesButSessionCreation).as("responses").doesNotContain(secret);
        }
        for (String token : providerTokens) {
            assertThat(responses).doesNotContain(token);
        }
        assertThat(database).as("the master key is not in the database")
                .doesNotContain(Files.readString(dataDir.resolve("master.key")).strip());
    }

    private String databaseFiles() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".db")).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
