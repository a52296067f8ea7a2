package org.connectorhub.hub.projects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v1/api_keys} over real HTTP: the key shown once, never listed, revoked at once, audited. */
class ApiKeysApiTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.withApiKey(API_KEY);

    private HubClient client() {
        return running.client();
    }

    private Response create(String bearer) {
        Response created = client().post("/v1/api_keys", bearer, Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    private List<String> listedIds(String bearer) {
        Response list = client().get("/v1/api_keys", bearer);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("data").forEach(key -> ids.add(key.path("id").asText()));
        return ids;
    }

    @Test
    void aCreatedKeyIsShownOnceWorksAndIsListedWithoutIt() {
        Response created = create(API_KEY);
        String key = created.json().path("key").asText();
        String id = created.json().path("id").asText();

        assertThat(key).startsWith(ApiKeys.API_KEY_PREFIX);
        assertThat(id).isEqualTo(ApiKeys.keyId(ApiKeys.hash(key)));
        assertThat(created.json().path("prefix").asText()).isEqualTo(key.substring(0, 8));
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(client().get("/v1/accounts", key).status()).isEqualTo(200);

        Response list = client().get("/v1/api_keys", key);
        assertThat(listedIds(key)).contains(id, ApiKeys.keyId(ApiKeys.hash(API_KEY)));
        for (JsonNode listed : list.json().path("data")) {
            assertThat(listed.has("key")).isFalse();
            assertThat(listed.path("created_at").asText()).isNotEmpty();
        }
        assertThat(list.body()).doesNotContain(key).doesNotContain(ApiKeys.hash(key));
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndTheRevocationIsAudited() {
        String key = create(API_KEY).json().path("key").asText();
        String id = ApiKeys.keyId(ApiKeys.hash(key));

        Response revoked = client().delete("/v1/api_keys/" + id, key);

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
        assertThat(client().get("/v1/accounts", key).status()).isEqualTo(401);
        assertThat(listedIds(API_KEY)).doesNotContain(id);
        Response again = client().delete("/v1/api_keys/" + id, API_KEY);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("api_key_not_found");
        assertThat(again.contentType()).startsWith("application/problem+json");

        Response audit = client().get("/v1/audit?target_id=" + id, API_KEY);
        List<String> types = new ArrayList<>();
        audit.json().path("data").forEach(entry -> types.add(entry.path("type").asText()));
        assertThat(types).contains("api_key.created", "api_key.revoked");
        // revoked by itself: the actor is the key's id, never the key
        assertThat(audit.body()).contains("\"id\":\"" + id + "\"").doesNotContain(key);
    }

    @Test
    void theCallingKeyCannotRevokeItselfWhenItIsTheProjectsLast() {
        String solo = ApiKeys.newApiKey();
        Project project = running.instance(ProjectStore.class).create("Solo", ApiKeys.hash(solo));
        String soloId = ApiKeys.keyId(ApiKeys.hash(solo));

        Response refused = client().delete("/v1/api_keys/" + soloId, solo);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("last_api_key");
        assertThat(client().get("/v1/accounts", solo).status()).isEqualTo(200);

        String second = create(solo).json().path("key").asText();
        assertThat(client().delete("/v1/api_keys/" + soloId, solo).status()).isEqualTo(204);
        assertThat(client().get("/v1/accounts", solo).status()).isEqualTo(401);
        assertThat(listedIds(second)).containsExactly(ApiKeys.keyId(ApiKeys.hash(second)));
        assertThat(running.instance(ProjectStore.class).listApiKeys(project.id())).hasSize(1);
    }

    @Test
    void anotherProjectsKeyCannotBeSeenOrRevoked() {
        String other = ApiKeys.newApiKey();
        running.instance(ProjectStore.class).create("Other", ApiKeys.hash(other));
        String otherId = ApiKeys.keyId(ApiKeys.hash(other));

        assertThat(listedIds(API_KEY)).doesNotContain(otherId);
        assertThat(client().delete("/v1/api_keys/" + otherId, API_KEY).status()).isEqualTo(404);
        assertThat(client().get("/v1/accounts", other).status()).isEqualTo(200);
    }

    @Test
    void lastUseIsWrittenInBatchesNotPerRequest() {
        String key = create(API_KEY).json().path("key").asText();
        String id = ApiKeys.keyId(ApiKeys.hash(key));
        assertThat(client().get("/v1/accounts", key).status()).isEqualTo(200);

        assertThat(lastUsed(id)).as("not written per request").isNull();
        running.instance(ApiKeyUsage.class).flush();

        assertThat(lastUsed(id)).isNotNull();
    }

    private String lastUsed(String id) {
        for (JsonNode key : client().get("/v1/api_keys", API_KEY).json().path("data")) {
            if (key.path("id").asText().equals(id)) {
                return key.path("last_used_at").isNull() ? null : key.path("last_used_at").asText();
            }
        }
        throw new AssertionError("key " + id + " not listed");
    }

    @Test
    void unauthenticatedCallsAreRefused() {
        assertThat(client().get("/v1/api_keys", null).status()).isEqualTo(401);
        assertThat(client().post("/v1/api_keys", "chk_nope", Map.of()).status()).isEqualTo(401);
    }
}
