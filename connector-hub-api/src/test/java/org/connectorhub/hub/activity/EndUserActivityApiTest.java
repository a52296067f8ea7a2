package org.connectorhub.hub.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Hub page's view of an owner's own accounts: last use, recent activity, unlink; nothing of other owners. */
class EndUserActivityApiTest {
    private static final String API_KEY = ApiKeys.newApiKey();

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

    static String link(String apiKey, String owner) {
        Response linked = api.post("/v1/accounts", apiKey, Map.of("provider", "postmark", "origin_owner_id", owner,
                "credentials", Map.of("server_token", postmark.addServer("Server " + owner).serverToken())));
        assertThat(linked.status()).isEqualTo(201);
        return linked.json().path("id").asText();
    }

    static String session(String apiKey, String owner) {
        Response created = api.post("/v1/connect_sessions", apiKey, Map.of("origin_owner_id", owner,
                "origin_owner_name", "Owner"));
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("token").asText();
    }

    static String send(String accountId) {
        Response sent = api.post("/v1/accounts/" + accountId + "/actions/send_email", API_KEY,
                ActivityLogApiTest.email("Hi"));
        assertThat(sent.status()).isEqualTo(200);
        return sent.json().path("data").path("message_id").asText();
    }

    @Test
    void anOwnerSeesTheLastUseAndEntriesOfTheirOwnAccountOnly() {
        String mine = link(API_KEY, "eu-alice");
        String theirs = link(API_KEY, "eu-bob");
        String myMessage = send(mine);
        String theirMessage = send(theirs);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                api.get("/v1/logs?account_id=" + theirs, API_KEY).json().path("data").size() == 1
                        && api.get("/v1/logs?account_id=" + mine, API_KEY).json().path("data").size() == 1);
        String alice = session(API_KEY, "eu-alice");

        Response own = api.get("/hub/api/accounts/" + mine + "/activity", alice);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("last_used_at").asText()).isNotBlank();
        JsonNode entry = own.json().path("data").get(0);
        assertThat(entry.path("action").asText()).isEqualTo("send_email");
        assertThat(entry.path("ok").asBoolean()).isTrue();
        assertThat(entry.path("message_id").asText()).isEqualTo(myMessage);
        assertThat(entry.has("caller")).as("no key ids for end users").isFalse();

        Response other = api.get("/hub/api/accounts/" + theirs + "/activity", alice);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain(theirMessage);
        assertThat(api.get("/hub/api/accounts/acc_nope/activity", alice).status()).isEqualTo(404);
    }

    @Test
    void anOwnerUnlinksTheirOwnAccountButNeverAnotherOwnersOrAnotherProjects() {
        String mine = link(API_KEY, "eu-carol");
        String theirs = link(API_KEY, "eu-dave");
        String otherKey = ApiKeys.newApiKey();
        hub.instance(ProjectStore.class).create("Other end users", ApiKeys.hash(otherKey));
        String otherProjects = link(otherKey, "eu-carol");
        String carol = session(API_KEY, "eu-carol");

        assertThat(api.delete("/hub/api/accounts/" + theirs, carol).status()).isEqualTo(404);
        assertThat(api.delete("/hub/api/accounts/" + otherProjects, carol).status()).isEqualTo(404);
        assertThat(api.get("/v1/accounts/" + theirs, API_KEY).status()).isEqualTo(200);
        assertThat(api.get("/v1/accounts/" + otherProjects, otherKey).status()).isEqualTo(200);

        assertThat(api.delete("/hub/api/accounts/" + mine, carol).status()).isEqualTo(204);
        assertThat(api.get("/v1/accounts/" + mine, API_KEY).status()).isEqualTo(404);
        assertThat(api.delete("/hub/api/accounts/" + mine, null).status()).isEqualTo(401);
    }
}
