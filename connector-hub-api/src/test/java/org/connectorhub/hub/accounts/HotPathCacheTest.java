package org.connectorhub.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.projects.ProjectBootstrap;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.hub.projects.Project;
import org.connectorhub.testkit.LogCapture;
import org.connectorhub.testkit.fake.RecordedRequest;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short-lived caches of the action path (API key → project, account rows), with their
 * default TTLs of seconds: whatever changes through this hub is what its very next request sees.
 * Each test warms the cache first (the same key or account used just before the change).
 */
class HotPathCacheTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @TempDir
    static Path dataDir;

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;
    static LogCapture logs;

    @BeforeAll
    static void start() {
        logs = LogCapture.start();
        postmark = FakePostmark.start();
        hub = TestHub.start(postmark, dataDir, API_KEY);
        api = hub.client();
    }

    @AfterAll
    static void stop() {
        hub.close();
        postmark.close();
        logs.close();
    }

    @Test
    void aRevokedApiKeyIsRefusedAtOnce() {
        String key = ApiKeys.newApiKey();
        projects().addApiKey(ProjectBootstrap.DEFAULT_PROJECT_ID, ApiKeys.hash(key));
        assertThat(api.get("/v1/accounts", key).status()).isEqualTo(200);
        assertThat(api.get("/v1/accounts", key).status()).as("served from the cache").isEqualTo(200);

        assertThat(projects().removeApiKey(ProjectBootstrap.DEFAULT_PROJECT_ID, ApiKeys.hash(key))).isTrue();

        Response refused = api.get("/v1/accounts", key);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("unauthorized");
        assertThat(api.get("/v1/accounts", API_KEY).status()).as("the other key still works").isEqualTo(200);
    }

    @Test
    void aRotatedApiKeyTakesOverAtOnce() {
        String oldKey = ApiKeys.newApiKey();
        String newKey = ApiKeys.newApiKey();
        Project project = projects().create("Rotating", ApiKeys.hash(oldKey));
        String id = link(oldKey, "rotating-owner", postmark.addServer("Rotating").serverToken());
        assertThat(send(oldKey, id, "Before rotation").status()).isEqualTo(200);

        projects().addApiKey(project.id(), ApiKeys.hash(newKey));
        projects().removeApiKey(project.id(), ApiKeys.hash(oldKey));

        assertThat(send(oldKey, id, "Old key").status()).isEqualTo(401);
        assertThat(send(newKey, id, "New key").status()).isEqualTo(200);
        assertThat(send(API_KEY, id, "Another project").status()).as("the account stays in its project").isEqualTo(404);
    }

    @Test
    void aDeletedAccountIs404AtOnceAndTheProviderIsNotCalled() {
        String id = link(API_KEY, "deleted-owner", postmark.addServer("Deleted").serverToken());
        assertThat(send(API_KEY, id, "Warm").status()).isEqualTo(200);
        assertThat(api.delete("/v1/accounts/" + id, API_KEY).status()).isEqualTo(204);
        int sent = postmark.sentEmailCount();

        Response action = send(API_KEY, id, "After delete");

        assertThat(action.status()).isEqualTo(404);
        assertThat(action.code()).isEqualTo("account_not_found");
        assertThat(postmark.sentEmailCount()).isEqualTo(sent);
    }

    @Test
    void changedCredentialsAreWhatTheNextActionUses() {
        FakePostmark.Server first = postmark.addServer("First");
        FakePostmark.Server second = postmark.addServer("Second");
        String id = link(API_KEY, "updated-owner", first.serverToken());
        assertThat(send(API_KEY, id, "With first").status()).isEqualTo(200);

        Response patched = api.patch("/v1/accounts/" + id, API_KEY,
                Map.of("credentials", Map.of("server_token", second.serverToken())), Map.of());
        assertThat(patched.status()).isEqualTo(200);
        postmark.revoke(first.serverToken());

        assertThat(send(API_KEY, id, "With second").status()).isEqualTo(200);
        assertThat(sendsWith(first.serverToken())).isEqualTo(1);
        assertThat(sendsWith(second.serverToken())).isEqualTo(1);
    }

    @Test
    void eachRejectionMarksTheStoredRowNotAStaleCachedOne() {
        FakePostmark.Server server = postmark.addServer("Revoked later");
        String id = link(API_KEY, "revoked-owner", server.serverToken());
        assertThat(send(API_KEY, id, "Warm").status()).isEqualTo(200);
        long linked = account(id).path("version").asLong();
        postmark.revoke(server.serverToken());

        Response first = send(API_KEY, id, "Revoked once");
        assertThat(first.code()).isEqualTo("credentials_rejected");
        assertThat(account(id).path("status").asText()).isEqualTo("invalid");
        assertThat(account(id).path("version").asLong()).isEqualTo(linked + 1);

        // had the cache kept the row marked above, this marking would carry its old version and be lost
        Response again = send(API_KEY, id, "Revoked twice");
        assertThat(again.code()).isEqualTo("credentials_rejected");
        assertThat(account(id).path("version").asLong()).isEqualTo(linked + 2);
    }

    @Test
    void noTokenOrKeyReachesLogsOrResponses() {
        String key = ApiKeys.newApiKey();
        projects().addApiKey(ProjectBootstrap.DEFAULT_PROJECT_ID, ApiKeys.hash(key));
        FakePostmark.Server server = postmark.addServer("Secret keeper");
        String id = link(key, "secret-owner", server.serverToken());
        for (int i = 0; i < 3; i++) {
            assertThat(send(key, id, "Cached " + i).status()).isEqualTo(200);
        }
        postmark.revoke(server.serverToken());
        assertThat(send(key, id, "Revoked").code()).isEqualTo("credentials_rejected");
        projects().removeApiKey(ProjectBootstrap.DEFAULT_PROJECT_ID, ApiKeys.hash(key));
        assertThat(send(key, id, "Unknown key").status()).isEqualTo(401);

        for (String secret : List.of(server.serverToken(), key, API_KEY)) {
            assertThat(logs.text()).as("logs").doesNotContain(secret);
            assertThat(api.everything()).as("responses").doesNotContain(secret);
        }
    }

    private static ProjectStore projects() {
        return hub.instance(ProjectStore.class);
    }

    private static String link(String key, String owner, String serverToken) {
        Response response = api.post("/v1/accounts", key, Map.of("provider", "postmark", "origin_owner_id", owner,
                "credentials", Map.of("server_token", serverToken)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private static Response send(String key, String accountId, String subject) {
        return api.post("/v1/accounts/" + accountId + "/actions/send_email", key, Map.of("from", "sender@example.com",
                "to", "receiver@example.com", "subject", subject, "text_body", "Hi"));
    }

    private static com.fasterxml.jackson.databind.JsonNode account(String id) {
        Response response = api.get("/v1/accounts/" + id, API_KEY);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static long sendsWith(String serverToken) {
        return postmark.http().requests("POST", "/email").stream()
                .map((RecordedRequest request) -> request.header(FakePostmark.SERVER_TOKEN_HEADER).orElse(""))
                .filter(serverToken::equals)
                .count();
    }
}
