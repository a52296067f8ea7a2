package org.connectorhub.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform endpoints for connectors and accounts, and the HTTP-level errors, over real HTTP. */
class AccountsApiTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @TempDir
    static Path dataDir;

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;

    @BeforeAll
    static void start() {
        postmark = FakePostmark.start();
        hub = TestHub.start(postmark, dataDir, API_KEY);
        api = hub.client();
    }

    @AfterAll
    static void stop() {
        hub.close();
        postmark.close();
    }

    @BeforeEach
    void healthyProvider() {
        postmark.http().faults().clear();
    }

    static Map<String, Object> link(String owner, Map<String, String> credentials) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", "postmark");
        body.put("origin_owner_id", owner);
        body.put("origin_owner_name", "Owner " + owner);
        body.put("credentials", credentials);
        return body;
    }

    @Test
    void listsAndDescribesConnectors() {
        Response list = api.get("/v1/connectors", API_KEY);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data")).extracting(n -> n.path("provider").asText()).contains("postmark");

        Response postmarkConnector = api.get("/v1/connectors/postmark", API_KEY);
        assertThat(postmarkConnector.status()).isEqualTo(200);
        JsonNode json = postmarkConnector.json();
        assertThat(json.path("name").asText()).isNotBlank();
        assertThat(json.path("fields")).extracting(n -> n.path("key").asText())
                .containsExactly("server_token", "account_token");
        JsonNode field = json.path("fields").get(0);
        assertThat(field.fieldNames()).toIterable()
                .contains("key", "label", "description", "help", "placeholder", "secret", "required", "scope");
        assertThat(json.path("credentials_schema").path("type").asText()).isEqualTo("object");
        assertThat(json.path("scopes")).extracting(n -> n.path("key").asText()).contains("server", "account");
        assertThat(json.path("actions")).extracting(n -> n.path("name").asText()).contains("send_email");
        assertThat(json.path("actions").get(0).has("input_schema")).isTrue();
        assertThat(json.path("test_credentials").path("server_token").asText()).isEqualTo("POSTMARK_API_TEST");
    }

    @Test
    void unknownProviderIs404Problem() {
        Response response = api.get("/v1/connectors/nope", API_KEY);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("unknown_provider");
        assertThat(response.json().path("type").asText()).isNotBlank();
        assertThat(response.json().path("title").asText()).isNotBlank();
        assertThat(response.json().path("status").asInt()).isEqualTo(404);
        assertThat(response.json().path("detail").asText()).isNotBlank();

        Response linking = api.post("/v1/accounts", API_KEY, Map.of("provider", "nope", "origin_owner_id", "u1",
                "credentials", Map.of("x", "y")));
        assertThat(linking.status()).isEqualTo(404);
        assertThat(linking.code()).isEqualTo("unknown_provider");
    }

    @Test
    void linksWithTheTestTokenInTestMode() {
        Response response = api.post("/v1/accounts", API_KEY, link("test-owner", Map.of("server_token", "POSTMARK_API_TEST")));

        assertThat(response.status()).isEqualTo(201);
        JsonNode account = response.json();
        assertThat(account.path("id").asText()).startsWith("acc_");
        assertThat(account.path("provider").asText()).isEqualTo("postmark");
        assertThat(account.path("mode").asText()).isEqualTo("test");
        assertThat(account.path("status").asText()).isEqualTo("active");
        assertThat(account.path("credential_fields")).extracting(JsonNode::asText).containsExactly("server_token");
        assertThat(account.path("warnings")).isNotEmpty();
        assertThat(account.fieldNames()).toIterable().contains("id", "provider", "origin_owner_id", "origin_owner_name",
                "origin_username", "label", "metadata", "status", "status_reasons", "mode", "scopes",
                "provider_account", "credential_fields", "created_at", "updated_at", "last_verified_at");
    }

    @Test
    void linksARealServerWithBothTokensAndRelinkingUpdatesTheSameAccount() {
        FakePostmark.Server server = postmark.addServer("Transactional");
        String accountToken = postmark.addAccountToken();

        Response first = api.post("/v1/accounts", API_KEY,
                link("owner-both", Map.of("server_token", server.serverToken(), "account_token", accountToken)));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("scopes")).extracting(JsonNode::asText).containsExactly("account", "server");
        assertThat(first.json().path("mode").asText()).isEqualTo("production");
        assertThat(first.json().path("provider_account").path("id").asText()).isEqualTo(String.valueOf(server.id()));
        assertThat(first.json().path("provider_account").path("name").asText()).isEqualTo("Transactional");
        assertThat(first.json().path("credential_fields")).extracting(JsonNode::asText)
                .containsExactly("account_token", "server_token");

        Response again = api.post("/v1/accounts", API_KEY, link("owner-both", Map.of("server_token", server.serverToken())));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(again.json().path("scopes")).extracting(JsonNode::asText).containsExactly("server");

        Response list = api.get("/v1/accounts?origin_owner_id=owner-both", API_KEY);
        assertThat(list.json().path("data")).hasSize(1);
        assertThat(first.body() + again.body()).doesNotContain(server.serverToken()).doesNotContain(accountToken);
    }

    @Test
    void aRejectedTokenIs422OnItsFieldAndStoresNothing() {
        Response response = api.post("/v1/accounts", API_KEY,
                link("owner-bad", Map.of("server_token", "00000000-0000-4000-8000-000000000000")));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("invalid_credentials");
        assertThat(response.json().path("errors")).extracting(n -> n.path("field").asText()).contains("server_token");
        assertThat(api.get("/v1/accounts?origin_owner_id=owner-bad", API_KEY).json().path("data")).isEmpty();
    }

    @Test
    void aMalformedTokenIs422WithoutAskingTheProvider() {
        int before = postmark.http().requestCount();
        Response response = api.post("/v1/accounts", API_KEY, link("owner-shape", Map.of("server_token", "not-a-token")));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("server_token");
        assertThat(response.json().path("errors").get(0).path("hint").asText()).isNotBlank();
        assertThat(postmark.http().requestCount()).isEqualTo(before);
    }

    @Test
    void swappedTokensGetAHint() {
        FakePostmark.Server server = postmark.addServer("Swapped");
        String accountToken = postmark.addAccountToken();

        Response response = api.post("/v1/accounts", API_KEY,
                link("owner-swap", Map.of("server_token", accountToken, "account_token", server.serverToken())));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("invalid_credentials");
        assertThat(response.json().path("errors")).extracting(n -> n.path("field").asText() + ":" + n.path("code").asText())
                .containsExactlyInAnyOrder("server_token:wrong_token_type", "account_token:wrong_token_type");
        assertThat(response.json().path("errors").get(0).path("hint").asText()).contains("paste it under");
        assertThat(response.body()).doesNotContain(accountToken).doesNotContain(server.serverToken());
    }

    @Test
    void anOutageIs503WithRetryAfterAndStoresNothing() {
        FakePostmark.Server server = postmark.addServer("Down");
        postmark.http().faults().add(Fault.unavailable(Duration.ofSeconds(7)));

        Response response = api.post("/v1/accounts", API_KEY, link("owner-down", Map.of("server_token", server.serverToken())));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("provider_unavailable");
        assertThat(response.header("Retry-After")).contains("7");
        postmark.http().faults().clear();
        assertThat(api.get("/v1/accounts?origin_owner_id=owner-down", API_KEY).json().path("data")).isEmpty();
    }

    @Test
    void listsWithFiltersAndCursorPagination() {
        Set<String> linked = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            FakePostmark.Server server = postmark.addServer("Paged " + i);
            linked.add(api.post("/v1/accounts", API_KEY, link("owner-pages", Map.of("server_token", server.serverToken())))
                    .json().path("id").asText());
        }
        api.post("/v1/accounts", API_KEY, link("owner-other", Map.of("server_token", "POSTMARK_API_TEST")));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get("/v1/accounts?origin_owner_id=owner-pages&provider=postmark&status=active&page_size=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), API_KEY);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("data").size()).isLessThanOrEqualTo(2);
            page.json().path("data").forEach(a -> {
                assertThat(a.path("origin_owner_id").asText()).isEqualTo("owner-pages");
                seen.add(a.path("id").asText());
            });
            cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(linked);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/v1/accounts?origin_owner_id=owner-pages&status=invalid", API_KEY).json().path("data")).isEmpty();
    }

    @Test
    void badListParametersAreClientErrors() {
        assertThat(api.get("/v1/accounts?page_size=abc", API_KEY).status()).isEqualTo(400);
        assertThat(api.get("/v1/accounts?page_size=0", API_KEY).status()).isEqualTo(422);
        assertThat(api.get("/v1/accounts?page_size=201", API_KEY).status()).isEqualTo(422);
        Response status = api.get("/v1/accounts?status=sleeping", API_KEY);
        assertThat(status.status()).isEqualTo(422);
        assertThat(status.json().path("errors").get(0).path("field").asText()).isEqualTo("status");
    }

    @Test
    void getsPatchesVerifiesAndDeletesAnAccount() {
        FakePostmark.Server server = postmark.addServer("Lifecycle");
        String id = api.post("/v1/accounts", API_KEY, link("owner-life", Map.of("server_token", server.serverToken())))
                .json().path("id").asText();

        Response got = api.get("/v1/accounts/" + id, API_KEY);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().path("id").asText()).isEqualTo(id);

        Response labelled = api.patch("/v1/accounts/" + id, API_KEY,
                Map.of("label", "Main", "metadata", Map.of("team", "billing")), Map.of());
        assertThat(labelled.status()).isEqualTo(200);
        assertThat(labelled.json().path("label").asText()).isEqualTo("Main");
        assertThat(labelled.json().path("metadata").path("team").asText()).isEqualTo("billing");

        Response rejected = api.patch("/v1/accounts/" + id, API_KEY,
                Map.of("credentials", Map.of("server_token", "11111111-1111-4111-8111-111111111111"), "label", "Changed"),
                Map.of());
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.code()).isEqualTo("invalid_credentials");
        JsonNode unchanged = api.get("/v1/accounts/" + id, API_KEY).json();
        assertThat(unchanged.path("label").asText()).isEqualTo("Main");
        assertThat(unchanged.path("version").asLong()).isEqualTo(labelled.json().path("version").asLong());

        Response conflict = api.patch("/v1/accounts/" + id, API_KEY, Map.of("label", "Late"), Map.of("If-Match", "\"99\""));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("version_conflict");

        Response verified = api.post("/v1/accounts/" + id + "/verify", API_KEY, "");
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("outcome").asText()).isEqualTo("verified");
        assertThat(verified.json().path("account").path("status").asText()).isEqualTo("active");

        postmark.http().faults().add(Fault.unavailable(Duration.ofSeconds(3)));
        Response outage = api.post("/v1/accounts/" + id + "/verify", API_KEY, "");
        assertThat(outage.status()).isEqualTo(503);
        assertThat(outage.header("Retry-After")).contains("3");
        postmark.http().faults().clear();
        assertThat(api.get("/v1/accounts/" + id, API_KEY).json().path("status").asText()).isEqualTo("active");

        postmark.revoke(server.serverToken());
        Response revoked = api.post("/v1/accounts/" + id + "/verify", API_KEY, "");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("outcome").asText()).isEqualTo("rejected");
        assertThat(revoked.json().path("account").path("status").asText()).isEqualTo("invalid");

        assertThat(api.delete("/v1/accounts/" + id, API_KEY).status()).isEqualTo(204);
        assertThat(api.get("/v1/accounts/" + id, API_KEY).status()).isEqualTo(404);
        assertThat(api.delete("/v1/accounts/" + id, API_KEY).code()).isEqualTo("account_not_found");
    }

    @Test
    void anotherProjectsAccountIsNotFound() {
        String otherKey = ApiKeys.newApiKey();
        hub.instance(ProjectStore.class).create("Other", ApiKeys.hash(otherKey));
        String id = api.post("/v1/accounts", API_KEY, link("owner-mine", Map.of("server_token", "POSTMARK_API_TEST")))
                .json().path("id").asText();

        assertThat(api.get("/v1/accounts/" + id, otherKey).status()).isEqualTo(404);
        assertThat(api.patch("/v1/accounts/" + id, otherKey, Map.of("label", "x"), Map.of()).status()).isEqualTo(404);
        assertThat(api.delete("/v1/accounts/" + id, otherKey).status()).isEqualTo(404);
        assertThat(api.post("/v1/accounts/" + id + "/verify", otherKey, "").status()).isEqualTo(404);
        assertThat(api.post("/v1/accounts/" + id + "/actions/send_email", otherKey, Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/v1/accounts?origin_owner_id=owner-mine", otherKey).json().path("data")).isEmpty();
        assertThat(api.get("/v1/accounts/" + id, API_KEY).status()).isEqualTo(200);
    }

    @Test
    void missingOrUnknownApiKeyIs401() {
        Response missing = api.get("/v1/accounts", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.code()).isEqualTo("unauthorized");
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/v1/accounts", "chk_unknown").status()).isEqualTo(401);
        assertThat(api.send(api.request("/v1/connectors", null).header("Authorization", "Basic abc").GET().build())
                .status()).isEqualTo(401);
    }

    @Test
    void malformedJsonAndWrongTypesAre400() {
        Response broken = api.post("/v1/accounts", API_KEY, "{\"provider\": \"postmark\", ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");

        Response array = api.post("/v1/accounts", API_KEY, "[1, 2]");
        assertThat(array.status()).isEqualTo(400);

        Response wrongType = api.post("/v1/accounts", API_KEY, Map.of("provider", 5, "origin_owner_id", "u",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST")));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("errors").get(0).path("field").asText()).isEqualTo("provider");

        Response credentialType = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark",
                "origin_owner_id", "u", "credentials", Map.of("server_token", 12)));
        assertThat(credentialType.status()).isEqualTo(400);
        assertThat(credentialType.json().path("errors").get(0).path("field").asText()).isEqualTo("credentials.server_token");

        Response missing = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "u"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().path("errors").get(0).path("field").asText()).isEqualTo("credentials");
    }

    @Test
    void overlongAndNulValuesAre422NotServerErrors() {
        Response longOwner = api.post("/v1/accounts", API_KEY, link("o".repeat(256), Map.of("server_token", "POSTMARK_API_TEST")));
        assertThat(longOwner.status()).isEqualTo(422);
        assertThat(longOwner.json().path("errors").get(0).path("code").asText()).isEqualTo("too_long");

        Map<String, Object> nul = link("owner-nul", Map.of("server_token", "POSTMARK_API_TEST"));
        nul.put("metadata", Map.of("note", "a\u0000b"));
        Response nulMetadata = api.post("/v1/accounts", API_KEY, nul);
        assertThat(nulMetadata.status()).isEqualTo(422);
        assertThat(nulMetadata.json().path("errors").get(0).path("field").asText()).isEqualTo("metadata.note");

        Map<String, Object> bigMetadata = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            bigMetadata.put("k" + i, "v");
        }
        Response session = api.post("/v1/connect_sessions", API_KEY, Map.of("origin_owner_id", "owner-meta",
                "origin_owner_name", "Meta", "metadata", bigMetadata));
        assertThat(session.status()).isEqualTo(422);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Response response = api.send(api.request("/v1/accounts", API_KEY).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("provider=postmark")).build());
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.code()).isEqualTo("unsupported_media_type");

        Response noType = api.send(api.request("/v1/accounts", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(noType.status()).isEqualTo(415);
    }

    @Test
    void unknownRoutesAre404Problems() {
        Response response = api.get("/v1/nothing-here", API_KEY);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(URI.create(api.baseUrl()).getHost()).isEqualTo("127.0.0.1");
    }
}
