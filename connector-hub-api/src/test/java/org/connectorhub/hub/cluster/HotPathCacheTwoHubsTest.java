package org.connectorhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.projects.ProjectBootstrap;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.hub.config.DatabaseSettings;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.hub.storage.TestDatabases;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action path's caches across hubs on one PostgreSQL database: what one hub changes, another
 * with caches sees at the latest within its TTL (at once since it hears change notices: see
 * {@code ChangePropagationTwoHubsTest}; its management API at once), and one with
 * {@code HUB_CACHE_*_TTL=0} sees at once.
 */
class HotPathCacheTwoHubsTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @TempDir
    static Path dirWriter;

    @TempDir
    static Path dirCached;

    @TempDir
    static Path dirUncached;

    static FakePostmark postmark;
    static TestHub writer;
    static TestHub cached;
    static TestHub uncached;

    @BeforeAll
    static void start() {
        postmark = FakePostmark.start();
        DatabaseSettings database = TestDatabases.newPostgresDatabase();
        String masterKey = MasterKey.generateBase64();
        writer = TestHub.start(on(database, masterKey, dirWriter).build());
        cached = TestHub.start(on(database, masterKey, dirCached)
                .connector("cache", "api_key_ttl", "1s").connector("cache", "account_ttl", "1s").build());
        uncached = TestHub.start(on(database, masterKey, dirUncached)
                .connector("cache", "api_key_ttl", "0").connector("cache", "account_ttl", "0").build());
    }

    @AfterAll
    static void stop() {
        for (TestHub hub : new TestHub[] {uncached, cached, writer}) {
            if (hub != null) {
                hub.close();
            }
        }
        postmark.close();
    }

    private static org.connectorhub.hub.config.HubConfig.Builder on(DatabaseSettings database, String masterKey, Path dir) {
        return TestHub.config(postmark, dir, API_KEY).dbUrl(database.jdbcUrl()).dbUser(database.user())
                .dbPassword(database.password()).masterKey(masterKey);
    }

    @Test
    void anAccountDeletedOnAnotherHubStopsActionsWithinTheTtl() {
        String id = link("deleted-elsewhere", postmark.addServer("Deleted elsewhere").serverToken());
        assertThat(send(cached.client(), id).status()).isEqualTo(200);
        assertThat(send(uncached.client(), id).status()).isEqualTo(200);

        assertThat(writer.client().delete("/v1/accounts/" + id, API_KEY).status()).isEqualTo(204);

        assertThat(send(uncached.client(), id).code()).as("no cache: at once").isEqualTo("account_not_found");
        assertThat(cached.client().get("/v1/accounts/" + id, API_KEY).status())
                .as("the management API reads fresh rows").isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(send(cached.client(), id).code()).isEqualTo("account_not_found"));
    }

    @Test
    void credentialsChangedOnAnotherHubAreUsedWithinTheTtl() {
        FakePostmark.Server first = postmark.addServer("First elsewhere");
        FakePostmark.Server second = postmark.addServer("Second elsewhere");
        String id = link("updated-elsewhere", first.serverToken());
        assertThat(send(cached.client(), id).status()).isEqualTo(200);

        Response patched = writer.client().patch("/v1/accounts/" + id, API_KEY,
                Map.of("credentials", Map.of("server_token", second.serverToken())), Map.of());
        assertThat(patched.status()).isEqualTo(200);
        long version = patched.json().path("version").asLong();
        postmark.revoke(first.serverToken());

        assertThat(send(uncached.client(), id).status()).as("no cache: at once").isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(send(cached.client(), id).status()).isEqualTo(200));
        // a stale cached row rejected by the provider never marks the newer stored one
        Response stored = writer.client().get("/v1/accounts/" + id, API_KEY);
        assertThat(stored.json().path("status").asText()).isEqualTo("active");
        assertThat(stored.json().path("version").asLong()).isEqualTo(version);
    }

    @Test
    void anApiKeyRevokedOnAnotherHubIsRefusedWithinTheTtl() {
        String key = ApiKeys.newApiKey();
        ProjectStore projects = writer.instance(ProjectStore.class);
        projects.addApiKey(ProjectBootstrap.DEFAULT_PROJECT_ID, ApiKeys.hash(key));
        assertThat(cached.client().get("/v1/accounts", key).status()).isEqualTo(200);
        assertThat(uncached.client().get("/v1/accounts", key).status()).isEqualTo(200);

        projects.removeApiKey(ProjectBootstrap.DEFAULT_PROJECT_ID, ApiKeys.hash(key));

        assertThat(writer.client().get("/v1/accounts", key).status()).as("the hub that revoked it").isEqualTo(401);
        assertThat(uncached.client().get("/v1/accounts", key).status()).as("no cache: at once").isEqualTo(401);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(cached.client().get("/v1/accounts", key).status()).isEqualTo(401));
    }

    private static String link(String owner, String serverToken) {
        Response response = writer.client().post("/v1/accounts", API_KEY, TwoHubs.link(owner, serverToken));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private static Response send(HubClient hub, String accountId) {
        return hub.post("/v1/accounts/" + accountId + "/actions/send_email", API_KEY, TwoHubs.email("Cached?"));
    }
}
