package org.connectorhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.agents.McpClients;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.hub.storage.TestDatabases;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agent, two hubs on one PostgreSQL database, its calls alternating between them as a load
 * balancer would send them: no MCP session is needed, the limits are counted in the database, and
 * a revocation on one hub holds on the other at once.
 */
class AgentsTwoHubsTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @TempDir
    static Path dirA;

    @TempDir
    static Path dirB;

    static FakePostmark postmark;
    static TwoHubs hubs;
    static HubClient a;
    static HubClient b;
    static String account;

    @BeforeAll
    static void start() {
        postmark = FakePostmark.start();
        hubs = new TwoHubs(postmark, TestDatabases.newPostgresDatabase(), MasterKey.generateBase64(), API_KEY, dirA, dirB);
        a = hubs.a.client();
        b = hubs.b.client();
        Response linked = a.post("/v1/accounts", API_KEY, TwoHubs.link("agent-owner",
                postmark.addServer("Agents").serverToken()));
        assertThat(linked.status()).isEqualTo(201);
        account = linked.json().path("id").asText();
    }

    @AfterAll
    static void stop() {
        try {
            hubs.close();
        } finally {
            postmark.close();
        }
    }

    static Response mint(HubClient hub, Map<String, Object> policy) {
        Response response = hub.post("/v1/agent_tokens", API_KEY, Map.of("account_id", account, "policy", policy));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    static Map<String, Object> email(String to) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", "agent@example.com");
        input.put("to", to);
        input.put("subject", "Hi");
        input.put("text_body", "Hello");
        return input;
    }

    static CallToolResult send(McpSyncClient client, String to) {
        return client.callTool(new McpSchema.CallToolRequest("send_email", email(to)));
    }

    @SuppressWarnings("unchecked")
    static String rule(CallToolResult result) {
        return String.valueOf(((Map<String, Object>) ((Map<String, Object>) result.structuredContent()).get("error"))
                .get("rule"));
    }

    @Test
    void callsAlternateBetweenHubsAndRecipientsPerDayAreCountedAcrossBoth() {
        String token = mint(a, Map.of("max_recipients_per_day", 5)).json().path("token").asText();
        int before = postmark.sentEmailCount();
        try (McpSyncClient onA = McpClients.connect(a.baseUrl(), token);
                McpSyncClient onB = McpClients.connect(b.baseUrl(), token)) {
            assertThat(onB.listTools().tools()).isNotEmpty();
            assertThat(send(onA, "1@example.com, 2@example.com").isError()).isFalse();
            assertThat(send(onB, "3@example.com, 4@example.com").isError()).isFalse();
            // 4 counted across both hubs: two more would make 6
            CallToolResult denied = send(onA, "5@example.com, 6@example.com");
            assertThat(denied.isError()).isTrue();
            assertThat(rule(denied)).isEqualTo("max_recipients_per_day");
            assertThat(send(onB, "5@example.com").isError()).isFalse();
            assertThat(rule(send(onA, "6@example.com"))).isEqualTo("max_recipients_per_day");
        }
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 3);
        assertThat(b.get("/v1/agent_tokens", API_KEY).json().path("data").findValues("recipients_today").stream()
                .map(n -> n.asLong()).toList()).contains(5L);
    }

    @Test
    void aTokenRevokedOnOneHubIsRefusedByTheOtherAtOnce() {
        Response minted = mint(b, Map.of());
        String token = minted.json().path("token").asText();
        try (McpSyncClient onA = McpClients.connect(a.baseUrl(), token)) {
            assertThat(onA.listTools().tools()).isNotEmpty();
        }
        assertThat(b.delete("/v1/agent_tokens/" + minted.json().path("id").asText(), API_KEY).status()).isEqualTo(204);

        McpSyncClient again = McpClients.open(a.baseUrl(), token);
        try {
            again.initialize();
            throw new AssertionError("hub A still accepts a token revoked on hub B");
        } catch (RuntimeException expected) {
            assertThat(expected).isNotInstanceOf(AssertionError.class);
        } finally {
            again.close();
        }
        assertThat(List.of(a.get("/v1/agent_tokens", API_KEY).json().toString())).noneMatch(s -> s.contains(token));
    }
}
