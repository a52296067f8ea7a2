package org.connectorhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.hub.projects.Project;
import org.connectorhub.hub.webhooks.WebhookTestKit;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit trail over real HTTP: every control-plane change, its actor, its before/after, never a secret. */
class AuditTrailApiTest {
    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;

    String apiKey;
    String keyId;
    Project project;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.configured((postmark, dataDir) ->
            WebhookTestKit.fastConfig(postmark, dataDir));

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
    }

    @BeforeEach
    void project() {
        apiKey = ApiKeys.newApiKey();
        keyId = ApiKeys.keyId(ApiKeys.hash(apiKey));
        project = hub.instance(ProjectStore.class).create("Audit", ApiKeys.hash(apiKey));
    }

    List<JsonNode> trail(String query) {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get("/v1/audit?page_size=3" + query + (cursor == null ? "" : "&cursor=" + cursor), apiKey);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("data").forEach(entries::add);
            cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
        } while (cursor != null);
        return entries;
    }

    static List<String> types(List<JsonNode> entries) {
        return entries.stream().map(e -> e.path("type").asText()).toList();
    }

    @Test
    void theLifeOfAnAccountIsInItsTrailWithTheKeyThatDidItAndNeverItsToken() {
        FakePostmark.Server server = postmark.addServer("Audited");
        String token = server.serverToken();
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-audit", token);
        assertThat(api.patch("/v1/accounts/" + accountId, apiKey, Map.of("label", "Billing"), Map.of()).status())
                .isEqualTo(200);
        assertThat(api.post("/v1/accounts", apiKey, WebhookTestKit.link("owner-audit", token)).status()).isEqualTo(200);
        assertThat(api.post("/v1/accounts/" + accountId + "/suspend", apiKey, Map.of("reason", "Abuse")).status())
                .isEqualTo(200);
        assertThat(api.post("/v1/accounts/" + accountId + "/resume", apiKey, "").status()).isEqualTo(200);
        postmark.revoke(token);
        assertThat(api.post("/v1/accounts/" + accountId + "/verify", apiKey, "").status()).isEqualTo(200);
        assertThat(api.delete("/v1/accounts/" + accountId, apiKey).status()).isEqualTo(204);

        List<JsonNode> entries = trail("&target_id=" + accountId);

        assertThat(types(entries)).containsExactly("account.deleted", "account.status_changed", "account.resumed",
                "account.suspended", "account.relinked", "account.updated", "account.linked");
        JsonNode suspended = entries.get(3);
        assertThat(suspended.path("actor").path("kind").asText()).isEqualTo("api_key");
        assertThat(suspended.path("actor").path("id").asText()).isEqualTo(keyId);
        assertThat(suspended.path("source_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(suspended.path("changes").path("status").path("before").asText()).isEqualTo("active");
        assertThat(suspended.path("changes").path("status").path("after").asText()).isEqualTo("suspended");
        JsonNode updated = entries.get(5);
        assertThat(updated.path("changes").path("label").path("after").asText()).isEqualTo("Billing");
        assertThat(updated.path("changes").has("status")).isFalse();
        assertThat(entries.get(4).path("changes").path("credentials").asText()).isEqualTo("replaced");
        assertThat(entries.get(1).path("changes").path("status").path("after").asText()).isEqualTo("invalid");
        assertThat(new HashSet<>(entries.stream().map(e -> e.path("id").asText()).toList())).hasSize(7);
        assertThat(api.everything()).doesNotContain(token).doesNotContain(apiKey);
    }

    @Test
    void keysOriginsSessionsAndWebhookEndpointsAreAudited() {
        ProjectStore projects = hub.instance(ProjectStore.class);
        String secondKey = ApiKeys.newApiKey();
        projects.addApiKey(project.id(), ApiKeys.hash(secondKey));
        projects.addApiKey(project.id(), ApiKeys.hash(secondKey)); // already there: no second entry
        projects.removeApiKey(project.id(), ApiKeys.hash(secondKey));
        projects.setAllowedOrigins(project.id(), List.of("https://app.example.com"));
        Response session = api.post("/v1/connect_sessions", apiKey, Map.of("origin_owner_id", "u-1",
                "origin_owner_name", "User"));
        assertThat(session.status()).isEqualTo(201);
        String endpointId = WebhookTestKit.addEndpoint(api, apiKey, "http://127.0.0.1:9/hooks").json().path("id").asText();
        assertThat(api.delete("/v1/webhooks/" + endpointId, apiKey).status()).isEqualTo(204);

        List<JsonNode> entries = trail("");

        assertThat(types(entries)).containsSubsequence("webhook_endpoint.deleted", "webhook_endpoint.created",
                "connect_session.created", "project.origins_changed", "api_key.revoked", "api_key.created",
                "api_key.created", "project.created");
        assertThat(types(entries).stream().filter("api_key.created"::equals).count()).isEqualTo(2);
        JsonNode origins = entries.stream().filter(e -> e.path("type").asText().equals("project.origins_changed"))
                .findFirst().orElseThrow();
        assertThat(origins.path("changes").path("allowed_origins").path("after").get(0).asText())
                .isEqualTo("https://app.example.com");
        JsonNode created = entries.stream().filter(e -> e.path("type").asText().equals("webhook_endpoint.created"))
                .findFirst().orElseThrow();
        assertThat(created.path("actor").path("id").asText()).isEqualTo(keyId);
        assertThat(created.path("changes").path("after").path("url").asText()).isEqualTo("http://127.0.0.1:9/hooks");

        // the creation answer shows the session token once, by design; nothing after it may
        String everything = api.everythingExcept(r -> r.request().equals("POST /v1/connect_sessions"));
        assertThat(everything).doesNotContain(secondKey).doesNotContain(session.json().path("token").asText())
                .doesNotContain(ApiKeys.hash(secondKey));
        assertThat(trail("&type=api_key.revoked")).hasSize(1);
        assertThat(trail("&actor=api_key:" + keyId)).isNotEmpty().allMatch(e -> e.path("actor").path("id").asText()
                .equals(keyId));
        assertThat(trail("&target_id=" + endpointId)).hasSize(2);
    }

    @Test
    void aHubPageLinkNamesTheSessionAndItsOwnerAndOtherProjectsSeeNothing() {
        Response session = api.post("/v1/connect_sessions", apiKey, Map.of("origin_owner_id", "u-page",
                "origin_owner_name", "Page user"));
        String token = session.json().path("token").asText();
        String serverToken = postmark.addServer("Page").serverToken();
        Response linked = api.post("/hub/api/accounts", token, Map.of("provider", "postmark",
                "credentials", Map.of("server_token", serverToken)));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);

        JsonNode entry = trail("&type=account.linked").get(0);
        assertThat(entry.path("actor").path("kind").asText()).isEqualTo("hub_session");
        assertThat(entry.path("actor").path("id").asText()).isEqualTo(session.json().path("id").asText());
        assertThat(entry.path("actor").path("owner_id").asText()).isEqualTo("u-page");

        String otherKey = ApiKeys.newApiKey();
        hub.instance(ProjectStore.class).create("Other audit", ApiKeys.hash(otherKey));
        JsonNode other = api.get("/v1/audit?target_id=" + linked.json().path("id").asText(), otherKey).json();
        assertThat(other.path("data")).isEmpty();
        assertThat(api.everythingExcept(r -> r.request().equals("POST /v1/connect_sessions")))
                .doesNotContain(serverToken).doesNotContain(token);
    }
}
