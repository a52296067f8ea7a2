package org.connectorhub.hub;

import org.connectorhub.hub.config.CipherConfig;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.crypto.ApiKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.hub.config.DatabaseSettings;
import org.connectorhub.hub.storage.TestDatabases;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HUB_MASTER_KEY instead of the key file, and HUB_DB_URL pointing at PostgreSQL instead of the embedded H2. */
class MasterKeyAndDatabaseConfigTest {
    @TempDir
    Path dataDir;

    @Test
    void aMasterKeyFromTheEnvironmentWritesNoKeyFileAndTheWrongKeyRefusesToStart() {
        String apiKey = ApiKeys.newApiKey();
        String masterKey = MasterKey.generateBase64();
        try (FakePostmark postmark = FakePostmark.start()) {
            try (TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, apiKey).masterKey(masterKey).build())) {
                Response linked = hub.client().post("/v1/accounts", apiKey, Map.of("provider", "postmark",
                        "origin_owner_id", "env-key", "credentials", Map.of("server_token", "POSTMARK_API_TEST")));
                assertThat(linked.status()).isEqualTo(201);
            }
            assertThat(dataDir.resolve(CipherConfig.MASTER_KEY_FILE_NAME)).doesNotExist();

            HubConfig wrongKey = TestHub.config(postmark, dataDir, apiKey).masterKey(MasterKey.generateBase64()).build();
            assertThatThrownBy(() -> TestHub.start(wrongKey)).hasMessageNotContaining(masterKey);

            try (TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, apiKey).masterKey(masterKey).build())) {
                assertThat(hub.client().get("/v1/accounts?origin_owner_id=env-key", apiKey).json().path("data")).hasSize(1);
            }
        }
    }

    @Test
    void theHubRunsOnPostgresqlWhenGivenItsUrl() {
        DatabaseSettings postgres = TestDatabases.newPostgresDatabase();
        String apiKey = ApiKeys.newApiKey();
        try (FakePostmark postmark = FakePostmark.start();
                TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, apiKey).dbUrl(postgres.jdbcUrl())
                        .dbUser(postgres.user()).dbPassword(postgres.password()).build())) {
            FakePostmark.Server server = postmark.addServer("On PostgreSQL");
            Response linked = hub.client().post("/v1/accounts", apiKey, Map.of("provider", "postmark",
                    "origin_owner_id", "pg", "credentials", Map.of("server_token", server.serverToken())));
            assertThat(linked.status()).isEqualTo(201);
            Response sent = hub.client().post("/v1/accounts/" + linked.json().path("id").asText()
                    + "/actions/send_email", apiKey, Map.of("from", "a@example.com", "to", "b@example.com",
                    "subject", "PG", "text_body", "Hi"), Map.of("Idempotency-Key", "pg-1"));
            assertThat(sent.status()).isEqualTo(200);
            Response session = hub.client().post("/v1/connect_sessions", apiKey, Map.of("origin_owner_id", "pg",
                    "origin_owner_name", "PG"));
            assertThat(hub.client().get("/hub/api/session", session.json().path("token").asText()).status()).isEqualTo(200);
            assertThat(hub.client().get("/readyz", null).json().path("database").asText()).isEqualTo("up");
            assertThat(dataDir.resolve("hub.mv.db")).doesNotExist();
        }
    }
}
