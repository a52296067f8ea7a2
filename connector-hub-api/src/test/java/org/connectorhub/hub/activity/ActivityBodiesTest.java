package org.connectorhub.hub.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code HUB_LOGS_BODIES=true}: bodies are kept, members named like credentials removed, cut at 16 KB. */
class ActivityBodiesTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @TempDir
    Path dataDir;

    @Test
    void bodiesAreKeptRedactedAndCut() {
        try (FakePostmark postmark = FakePostmark.start();
                TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, API_KEY)
                        .connector("logs", "bodies", "true").build())) {
            HubClient api = hub.client();
            String serverToken = postmark.addServer("Bodies").serverToken();
            String accountId = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "o",
                    "credentials", Map.of("server_token", serverToken))).json().path("id").asText();
            Map<String, Object> input = ActivityLogApiTest.email("With body");
            input.put("text_body", "x".repeat(20_000));
            Response sent = api.post("/v1/accounts/" + accountId + "/actions/send_email", API_KEY, input);
            assertThat(sent.status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/v1/logs", API_KEY).json().path("data").size() == 1);
            JsonNode entry = api.get("/v1/logs", API_KEY).json().path("data").get(0);

            assertThat(entry.path("request_body").asText()).contains("With body").hasSizeLessThanOrEqualTo(16 * 1024 + 10)
                    .endsWith("...[cut]");
            assertThat(entry.path("response_body").asText()).contains(sent.json().path("data").path("message_id").asText());
            assertThat(api.everything()).doesNotContain(serverToken);
        }
    }

    @Test
    void membersNamedLikeCredentialsAreRemovedAtAnyDepth() {
        String redacted = ActivityWriter.redact("{\"to\":\"a@b.c\",\"server_token\":\"s3cr3t\",\"nested\":"
                + "{\"Authorization\":\"Bearer x\",\"list\":[{\"password\":\"p\",\"keep\":1}]},\"X-Api-Key\":\"k\"}");

        assertThat(redacted).contains("a@b.c").contains("\"keep\":1")
                .doesNotContain("s3cr3t").doesNotContain("Bearer x").doesNotContain("\"p\"").doesNotContain("\"k\"");
        assertThat(ActivityWriter.redact("not json")).doesNotContain("not json");
    }
}
