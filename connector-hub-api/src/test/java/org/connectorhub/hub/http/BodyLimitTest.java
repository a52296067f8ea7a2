package org.connectorhub.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bodies over HUB_MAX_BODY_BYTES are refused with 413, by declared length and by a capped read. */
class BodyLimitTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final int LIMIT = 2048;

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.configured((postmark, dataDir) ->
            TestHub.config(postmark, dataDir, API_KEY).maxBodyBytes(LIMIT).build());

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
    }

    private static String bodyOf(int bytes) {
        return "{\"provider\":\"postmark\",\"origin_owner_id\":\"u\",\"label\":\"" + "x".repeat(bytes) + "\"}";
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413() {
        Response response = api.post("/v1/accounts", API_KEY, bodyOf(LIMIT * 2));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.code()).isEqualTo("payload_too_large");
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aStreamedBodyOverTheLimitIs413() {
        byte[] body = bodyOf(LIMIT * 2).getBytes(StandardCharsets.UTF_8);
        Response response = api.send(api.request("/v1/accounts", API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void aBodyUnderTheLimitGoesThrough() {
        Response response = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "u",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST")));
        assertThat(response.status()).isEqualTo(201);
    }
}
