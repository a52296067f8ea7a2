package org.connectorhub.hub.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The activity log over real HTTP: one entry per action run, what it holds, filters, paging, scoping. */
class ActivityLogApiTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;

    String apiKey;
    String serverToken;
    String accountId;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.withApiKey(null);

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
    }

    @BeforeEach
    void projectWithAnAccount() {
        apiKey = ApiKeys.newApiKey();
        hub.instance(ProjectStore.class).create("Logs", ApiKeys.hash(apiKey));
        serverToken = postmark.addServer("Logs").serverToken();
        Response linked = api.post("/v1/accounts", apiKey, Map.of("provider", "postmark", "origin_owner_id", "owner-logs",
                "credentials", Map.of("server_token", serverToken)));
        assertThat(linked.status()).isEqualTo(201);
        accountId = linked.json().path("id").asText();
    }

    static Map<String, Object> email(String subject) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", "sender@example.com");
        input.put("to", "receiver@example.com");
        input.put("subject", subject);
        input.put("text_body", "Hello");
        return input;
    }

    Response send(Map<String, Object> input, Map<String, String> headers) {
        return api.post("/v1/accounts/" + accountId + "/actions/send_email", apiKey, input, headers);
    }

    JsonNode entries(String query, int atLeast) {
        await().atMost(WAIT).until(() -> api.get("/v1/logs" + query, apiKey).json().path("data").size() >= atLeast);
        return api.get("/v1/logs" + query, apiKey).json().path("data");
    }

    @Test
    void aSuccessfulSendIsOneEntryWithTheCallerTheOutcomeAndPostmarksMessageId() {
        Instant before = Instant.now().minusSeconds(1);
        Response sent = send(email("Logged"), Map.of());
        assertThat(sent.status()).isEqualTo(200);

        JsonNode entry = entries("", 1).get(0);

        assertThat(entry.path("id").asText()).startsWith("log_");
        assertThat(Instant.parse(entry.path("at").asText())).isAfter(before);
        assertThat(entry.path("account_id").asText()).isEqualTo(accountId);
        assertThat(entry.path("provider").asText()).isEqualTo("postmark");
        assertThat(entry.path("kind").asText()).isEqualTo("action");
        assertThat(entry.path("action").asText()).isEqualTo("send_email");
        assertThat(entry.path("caller").path("kind").asText()).isEqualTo("api_key");
        assertThat(entry.path("caller").path("id").asText()).isEqualTo(ApiKeys.keyId(ApiKeys.hash(apiKey)));
        assertThat(entry.path("status").asInt()).isEqualTo(200);
        assertThat(entry.path("ok").asBoolean()).isTrue();
        assertThat(entry.path("code").isNull()).isTrue();
        assertThat(entry.path("duration_ms").asDouble()).isPositive();
        assertThat(entry.path("provider_ids").path("message_id").asText())
                .isEqualTo(sent.json().path("data").path("message_id").asText());
        assertThat(entry.path("provider_ids").path("error_code").asText()).isEqualTo("0");
        assertThat(entry.path("replay").asBoolean()).isFalse();
        assertThat(entry.has("request_body")).as("no bodies by default").isFalse();
        assertThat(entry.has("response_body")).isFalse();

        Response one = api.get("/v1/logs/" + entry.path("id").asText(), apiKey);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("id").asText()).isEqualTo(entry.path("id").asText());
        assertThat(api.everything()).doesNotContain(serverToken).doesNotContain(apiKey);
    }

    @Test
    void failuresAreLoggedWithTheirStatusAndProblemCode() {
        postmark.markInactive("inactive-logs@example.com");
        Map<String, Object> rejected = email("Inactive");
        rejected.put("to", "inactive-logs@example.com");
        assertThat(send(rejected, Map.of()).status()).isEqualTo(422);
        Map<String, Object> invalid = email("Bad");
        invalid.remove("to");
        assertThat(send(invalid, Map.of()).status()).isEqualTo(422);

        JsonNode data = entries("", 2);

        assertThat(data).extracting(e -> e.path("code").asText())
                .containsExactlyInAnyOrder("provider_rejected", "invalid_input");
        JsonNode providerRejected = data.get(0).path("code").asText().equals("provider_rejected") ? data.get(0) : data.get(1);
        assertThat(providerRejected.path("status").asInt()).isEqualTo(422);
        assertThat(providerRejected.path("ok").asBoolean()).isFalse();
        assertThat(providerRejected.path("provider_ids").path("error_code").asText()).isEqualTo("406");
    }

    @Test
    void anIdempotentReplayIsItsOwnEntryMarkedAsAReplay() {
        Map<String, String> key = Map.of("Idempotency-Key", "logs-once");
        assertThat(send(email("Once"), key).status()).isEqualTo(200);
        assertThat(send(email("Once"), key).status()).isEqualTo(200);

        JsonNode data = entries("", 2);

        assertThat(data).extracting(e -> e.path("idempotency_key").asText()).containsOnly("logs-once");
        assertThat(data).extracting(e -> e.path("replay").asBoolean()).containsExactly(true, false);
    }

    @Test
    void pagesAreNewestFirstWithoutGapsOrRepeatsAndFiltersApply() {
        for (int i = 0; i < 5; i++) {
            assertThat(send(email("Page " + i), Map.of()).status()).isEqualTo(200);
        }
        Map<String, Object> invalid = email("Bad");
        invalid.remove("to");
        assertThat(send(invalid, Map.of()).status()).isEqualTo(422);
        entries("", 6);

        List<String> seen = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get("/v1/logs?page_size=2" + (cursor == null ? "" : "&cursor=" + cursor), apiKey);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("data").size()).isLessThanOrEqualTo(2);
            page.json().path("data").forEach(e -> {
                seen.add(e.path("id").asText());
                times.add(Instant.parse(e.path("at").asText()));
            });
            cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
        } while (cursor != null);
        assertThat(seen).hasSize(6);
        assertThat(new HashSet<>(seen)).hasSize(6);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isBeforeOrEqualTo(times.get(i - 1));
        }

        assertThat(api.get("/v1/logs?status=422", apiKey).json().path("data")).hasSize(1);
        assertThat(api.get("/v1/logs?status=200&account_id=" + accountId + "&provider=postmark&action=send_email",
                apiKey).json().path("data")).hasSize(5);
        assertThat(api.get("/v1/logs?action=list_servers", apiKey).json().path("data")).isEmpty();
        assertThat(api.get("/v1/logs?since=" + Instant.now().plusSeconds(60), apiKey).json().path("data")).isEmpty();
        assertThat(api.get("/v1/logs?until=" + Instant.now().plusSeconds(60), apiKey).json().path("data")).hasSize(6);
    }

    @Test
    void badParametersAreClearErrors() {
        assertThat(api.get("/v1/logs?status=abc", apiKey).code()).isEqualTo("invalid_input");
        assertThat(api.get("/v1/logs?since=yesterday", apiKey).code()).isEqualTo("invalid_input");
        assertThat(api.get("/v1/logs?cursor=%21%21", apiKey).code()).isEqualTo("invalid_input");
        assertThat(api.get("/v1/logs?page_size=1000", apiKey).code()).isEqualTo("invalid_input");
        assertThat(api.get("/v1/logs", null).status()).isEqualTo(401);
    }

    @Test
    void anotherProjectSeesNoneOfTheseEntries() {
        assertThat(send(email("Mine"), Map.of()).status()).isEqualTo(200);
        String entryId = entries("", 1).get(0).path("id").asText();

        String otherKey = ApiKeys.newApiKey();
        hub.instance(ProjectStore.class).create("Other logs", ApiKeys.hash(otherKey));

        assertThat(api.get("/v1/logs", otherKey).json().path("data")).isEmpty();
        assertThat(api.get("/v1/logs?account_id=" + accountId, otherKey).json().path("data")).isEmpty();
        Response other = api.get("/v1/logs/" + entryId, otherKey);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.code()).isEqualTo("log_entry_not_found");
    }

    @Test
    void aSuspendedAccountsRefusalIsLoggedToo() {
        assertThat(api.post("/v1/accounts/" + accountId + "/suspend", apiKey, Map.of("reason", "Audit")).status())
                .isEqualTo(200);
        assertThat(send(email("Refused"), Map.of()).status()).isEqualTo(409);

        JsonNode entry = entries("", 1).get(0);
        assertThat(entry.path("status").asInt()).isEqualTo(409);
        assertThat(entry.path("code").asText()).isEqualTo("account_suspended");
    }

    static Set<String> ids(JsonNode data) {
        Set<String> ids = new HashSet<>();
        data.forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }
}
