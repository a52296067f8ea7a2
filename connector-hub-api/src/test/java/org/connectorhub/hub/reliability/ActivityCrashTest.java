package org.connectorhub.hub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL the hub right after a run of answered actions, restart it: the activity log lost at most
 * what can be waiting (queue plus one batch, here 10 + 5), every entry that is there is whole, and
 * none is there twice.
 */
class ActivityCrashTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final int QUEUE = 10;
    private static final int BATCH = 5;
    private static final int ACTIONS = 60;

    @TempDir
    Path root;

    @Test
    void aSigkillLosesAtMostTheQueueAndOneBatchOfEntries() {
        Path dataDir = root.resolve("data");
        try (FakePostmark postmark = FakePostmark.start()) {
            String accountId;
            HubProcess hub = HubProcess.serve(dataDir, API_KEY, postmark.baseUri().toString(),
                    "--connector", "logs.queue=" + QUEUE, "--connector", "logs.batch_size=" + BATCH);
            try {
                HubClient api = hub.client();
                Response linked = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark",
                        "origin_owner_id", "crash-logs", "credentials", Map.of("server_token", FakePostmark.TEST_TOKEN)));
                assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
                accountId = linked.json().path("id").asText();
                for (int i = 0; i < ACTIONS; i++) {
                    Map<String, Object> input = new LinkedHashMap<>();
                    input.put("from", "sender@example.com");
                    input.put("to", "receiver@example.com");
                    input.put("subject", "Crash " + i);
                    input.put("text_body", "Hello");
                    assertThat(api.post("/v1/accounts/" + accountId + "/actions/send_email", API_KEY, input).status())
                            .isEqualTo(200);
                }
            } finally {
                hub.kill();
            }

            HubProcess restarted = HubProcess.serve(dataDir, API_KEY, postmark.baseUri().toString());
            try {
                HubClient api = restarted.client();
                Set<String> ids = new HashSet<>();
                int entries = 0;
                String cursor = null;
                do {
                    JsonNode page = api.get("/v1/logs?page_size=200" + (cursor == null ? "" : "&cursor=" + cursor),
                            API_KEY).json();
                    for (JsonNode entry : page.path("data")) {
                        entries++;
                        ids.add(entry.path("id").asText());
                        assertThat(entry.path("account_id").asText()).isEqualTo(accountId);
                        assertThat(entry.path("status").asInt()).isEqualTo(200);
                        assertThat(entry.path("provider_ids").path("message_id").asText()).isNotBlank();
                    }
                    cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
                } while (cursor != null);

                assertThat(entries).isEqualTo(ids.size()).isLessThanOrEqualTo(ACTIONS)
                        .isGreaterThanOrEqualTo(ACTIONS - (QUEUE + BATCH));
                assertThat(List.of(restarted.isAlive())).containsExactly(true);
            } finally {
                restarted.close();
            }
        }
    }
}
