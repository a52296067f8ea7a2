package org.connectorhub.hub.operability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.storage.DatabaseLifecycle;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without its database the hub is alive but not ready, and API calls answer 503, not 500. */
class ReadinessTest {
    @TempDir
    Path dataDir;

    @Test
    void aLostDatabaseMakesTheHubNotReadyAndTheApiUnavailable() {
        String apiKey = ApiKeys.newApiKey();
        try (FakePostmark postmark = FakePostmark.start(); TestHub hub = TestHub.start(postmark, dataDir, apiKey)) {
            assertThat(hub.client().get("/readyz", null).status()).isEqualTo(200);

            hub.instance(DatabaseLifecycle.class).stop();

            Response ready = hub.client().get("/readyz", null);
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("database").asText()).isEqualTo("down");
            assertThat(hub.client().get("/healthz", null).status()).isEqualTo(200);
            Response api = hub.client().get("/v1/accounts", apiKey);
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.code()).isEqualTo("database_unavailable");
            assertThat(api.header("Retry-After")).contains("5");
        }
    }
}
