package org.connectorhub.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints API with the default configuration (private addresses refused). No account is
 * linked here, so the hub never sends anything to the (public, documentation-range) URLs used.
 */
class WebhooksApiTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final String PUBLIC_URL = "https://93.184.215.14/hooks";

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

    static Response create(Map<String, Object> body) {
        return api.post("/v1/webhooks", API_KEY, body);
    }

    @Test
    void createsAnEndpointAndShowsItsSecretOnlyOnce() throws IOException {
        Response created = create(Map.of("url", PUBLIC_URL, "description", "Billing", "events",
                List.of("account.status_changed"), "headers", Map.of("X-Tenant", "t-secret-value")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode json = created.json();
        String id = json.path("id").asText();
        String secret = json.path("secret").asText();
        assertThat(id).startsWith("whe_");
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(json.path("url").asText()).isEqualTo(PUBLIC_URL);
        assertThat(json.path("events").toString()).isEqualTo("[\"account.status_changed\"]");
        assertThat(json.path("header_names").toString()).isEqualTo("[\"X-Tenant\"]");

        Response list = api.get("/v1/webhooks", API_KEY);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data")).extracting(n -> n.path("id").asText()).contains(id);
        assertThat(list.body()).doesNotContain(secret).doesNotContain("t-secret-value").doesNotContain("\"secret\"");
        assertThat(api.get("/v1/webhooks/" + id + "/deliveries", API_KEY).json().path("data")).isEmpty();

        // sealed at rest: the secret is nowhere in the database files
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(secret);
            }
        }
    }

    @Test
    void refusesLoopbackAndPrivateUrlsWithInvalidUrl() {
        for (String url : List.of("http://127.0.0.1:8080/hooks", "http://localhost/hooks", "http://10.0.0.8/hooks",
                "http://192.168.0.10/hooks", "http://172.20.1.1/hooks", "http://169.254.169.254/latest",
                "http://[::1]/hooks", "http://[fd00::1]/hooks", "http://0.0.0.0/hooks", "ftp://93.184.215.14/hooks",
                "not a url")) {
            Response response = create(Map.of("url", url));
            assertThat(response.status()).as(url).isEqualTo(422);
            assertThat(response.code()).as(url).isEqualTo("invalid_url");
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("url");
        }
        assertThat(api.get("/v1/webhooks", API_KEY).json().path("data").toString()).doesNotContain("127.0.0.1");
    }

    @Test
    void refusesHeadersThatWouldOverrideTheSignatureOrTheTransport() {
        for (String name : List.of("ConnectorHub-Signature", "connectorhub-event-id", "Content-Type", "Host",
                "Content-Length", "Bad Header")) {
            Response response = create(Map.of("url", PUBLIC_URL, "headers", Map.of(name, "x")));
            assertThat(response.status()).as(name).isEqualTo(422);
            assertThat(response.code()).as(name).isEqualTo("invalid_input");
        }
        Response newline = create(Map.of("url", PUBLIC_URL, "headers", Map.of("X-Evil", "a\r\nX-Injected: 1")));
        assertThat(newline.status()).isEqualTo(422);
    }

    @Test
    void refusesBadBodiesClearly() {
        assertThat(create(Map.of()).code()).isEqualTo("invalid_input");
        assertThat(create(Map.of("url", PUBLIC_URL, "events", List.of("account.exploded"))).status()).isEqualTo(422);
        assertThat(create(Map.of("url", PUBLIC_URL, "events", "account.created")).status()).isEqualTo(400);
        assertThat(create(Map.of("url", PUBLIC_URL, "secret", "mine")).status()).isEqualTo(422);
        Map<String, Object> tooLong = new LinkedHashMap<>();
        tooLong.put("url", PUBLIC_URL + "/" + "a".repeat(3000));
        assertThat(create(tooLong).status()).isEqualTo(422);
        assertThat(api.get("/v1/webhooks/x/deliveries?limit=0", API_KEY).status()).isIn(404, 422);
    }

    @Test
    void deletesAnEndpointOnceAndKeepsProjectsApart() {
        String id = create(Map.of("url", PUBLIC_URL)).json().path("id").asText();
        String otherKey = ApiKeys.newApiKey();
        hub.instance(ProjectStore.class).create("Other", ApiKeys.hash(otherKey));

        assertThat(api.get("/v1/webhooks", otherKey).json().path("data").toString()).doesNotContain(id);
        assertThat(api.delete("/v1/webhooks/" + id, otherKey).status()).isEqualTo(404);
        assertThat(api.get("/v1/webhooks/" + id + "/deliveries", otherKey).code()).isEqualTo("webhook_not_found");

        assertThat(api.delete("/v1/webhooks/" + id, API_KEY).status()).isEqualTo(204);
        assertThat(api.delete("/v1/webhooks/" + id, API_KEY).status()).isEqualTo(404);
        assertThat(api.get("/v1/webhooks/" + id + "/deliveries", API_KEY).status()).isEqualTo(404);
    }

    @Test
    void needsTheProjectApiKey() {
        assertThat(api.get("/v1/webhooks", null).status()).isEqualTo(401);
        assertThat(api.post("/v1/webhooks", null, Map.of("url", PUBLIC_URL)).status()).isEqualTo(401);
        assertThat(api.delete("/v1/webhooks/whe_x", "wrong").status()).isEqualTo(401);
    }
}
