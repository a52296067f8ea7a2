package org.connectorhub.hub;

import org.connectorhub.hub.crypto.ApiKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.HubCli;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data dir is the hub's memory: accounts, API keys and the master key survive restarts and rotation. */
class RestartAndRotationTest {
    @TempDir
    Path dataDir;

    static Map<String, Object> email() {
        return Map.of("from", "sender@example.com", "to", "receiver@example.com", "subject", "After restart",
                "text_body", "Hello");
    }

    @Test
    void accountsKeysAndSealedCredentialsSurviveARestartAndAKeyRotation() {
        try (FakePostmark postmark = FakePostmark.start()) {
            FakePostmark.Server server = postmark.addServer("Durable");
            String apiKey;
            String accountId;
            try (TestHub first = TestHub.start(postmark, dataDir, null)) {
                apiKey = first.console().lines().filter(l -> l.contains(ApiKeys.API_KEY_PREFIX)).findFirst()
                        .orElseThrow().replaceAll(".*: ", "");
                Response linked = first.client().post("/v1/accounts", apiKey, Map.of("provider", "postmark",
                        "origin_owner_id", "durable", "credentials", Map.of("server_token", server.serverToken())));
                assertThat(linked.status()).isEqualTo(201);
                accountId = linked.json().path("id").asText();
            }
            assertThat(dataDir.resolve("master.key")).exists();
            if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(permissions(dataDir.resolve("master.key")))
                        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            }

            try (TestHub second = TestHub.start(postmark, dataDir, null)) {
                assertThat(second.console()).as("the generated key is printed only once").isEmpty();
                assertThat(second.client().get("/v1/accounts/" + accountId, apiKey).status()).isEqualTo(200);
                Response sent = second.client().post("/v1/accounts/" + accountId + "/actions/send_email", apiKey, email());
                assertThat(sent.status()).isEqualTo(200);
            }

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = HubCli.commandLine(Map.of("HUB_DATA_DIR", dataDir.toString()),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err).execute("keys", "rotate");
            assertThat(exit).isEqualTo(0);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("key version 2");

            try (TestHub third = TestHub.start(postmark, dataDir, null)) {
                Response oldAccount = third.client().post("/v1/accounts/" + accountId + "/actions/send_email", apiKey,
                        email());
                assertThat(oldAccount.status()).isEqualTo(200);
                FakePostmark.Server another = postmark.addServer("After rotation");
                Response newAccount = third.client().post("/v1/accounts", apiKey, Map.of("provider", "postmark",
                        "origin_owner_id", "durable", "credentials", Map.of("server_token", another.serverToken())));
                assertThat(newAccount.status()).isEqualTo(201);
                Response relinked = third.client().post("/v1/accounts/" + newAccount.json().path("id").asText()
                        + "/verify", apiKey, "");
                assertThat(relinked.json().path("outcome").asText()).isEqualTo("verified");
            }
            assertThat(postmark.sentEmailCount()).isEqualTo(2);
        }
    }

    private static Set<PosixFilePermission> permissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
