package org.connectorhub.hub.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.activity.ActivityWriter;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.testkit.LogCapture;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /mcp} with the official MCP SDK's own client against a running hub and the fake
 * Postmark: tools, calls, expected failures as {@code isError} results, policies, and tokens
 * that no longer open.
 */
class McpApiTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.withApiKey(API_KEY);

    static HubClient api;
    static FakePostmark postmark;
    static String serverToken;
    static String account;
    static LogCapture logs;
    /** Every text a client got back, searched for secrets at the end. */
    static final List<String> answers = new ArrayList<>();

    @BeforeAll
    static void link() {
        logs = LogCapture.start();
        api = running.client();
        postmark = running.postmark();
        serverToken = postmark.addServer("Agent server").serverToken();
        account = linkAccount("owner-1", serverToken);
    }

    @AfterAll
    static void noSecretAnywhere() {
        String everything = api.everything() + String.join("\n", answers) + logs.text();
        logs.close();
        assertThat(everything).doesNotContain(serverToken);
        for (String token : minted) {
            assertThat(everything.replace(token + "\"", "")).as("an agent token outside its one minting answer")
                    .doesNotContain(token);
        }
    }

    static final List<String> minted = new ArrayList<>();

    static String linkAccount(String owner, String token) {
        Response response = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", owner,
                "credentials", Map.of("server_token", token)));
        assertThat(response.status()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    static Response mintResponse(Map<String, Object> body) {
        return api.post("/v1/agent_tokens", API_KEY, body);
    }

    static String mint(Map<String, Object> body) {
        Response response = mintResponse(body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String token = response.json().path("token").asText();
        assertThat(token).startsWith("agt_");
        minted.add(token);
        return token;
    }

    static String mintFor(String accountId, Map<String, Object> policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_id", accountId);
        body.put("policy", policy);
        return mint(body);
    }

    static Map<String, Object> email(String to) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", "agent@example.com");
        input.put("to", to);
        input.put("subject", "From the agent");
        input.put("text_body", "Hello");
        return input;
    }

    static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        answers.add(String.valueOf(result));
        return result;
    }

    static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> error(CallToolResult result) {
        return (Map<String, Object>) ((Map<String, Object>) result.structuredContent()).get("error");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsOneToolPerActionTheScopesAllowWithSchemasAndAnnotations() {
        String token = mintFor(account, Map.of());
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            assertThat(client.getCurrentInitializationResult().serverInfo().name()).isEqualTo("connector-hub");
            List<Tool> tools = client.listTools().tools();
            Map<String, Tool> byName = new LinkedHashMap<>();
            tools.forEach(tool -> byName.put(tool.name(), tool));

            assertThat(byName).containsKeys("send_email", "send_email_batch", "list_bounces", "delete_webhook");
            // the account was linked with a server token only: no account-scope tools
            assertThat(byName).doesNotContainKeys("list_servers", "create_domain");

            Tool send = byName.get("send_email");
            assertThat(send.title()).isEqualTo("Send email");
            assertThat(send.description()).contains("Sends real email");
            assertThat((Map<String, Object>) send.inputSchema().get("properties")).containsKeys("from", "to", "subject", "idempotency_key");
            assertThat((List<String>) send.inputSchema().get("required")).contains("from", "to");
            assertThat(send.annotations().readOnlyHint()).isFalse();
            assertThat(send.annotations().destructiveHint()).isFalse();
            assertThat(send.annotations().openWorldHint()).isTrue();

            Tool bounces = byName.get("list_bounces");
            assertThat(bounces.annotations().readOnlyHint()).isTrue();
            assertThat(bounces.description()).contains("Read-only");
            assertThat((Map<String, Object>) bounces.inputSchema().get("properties")).doesNotContainKey("idempotency_key");

            assertThat(byName.get("delete_webhook").annotations().destructiveHint()).isTrue();
            assertThat(byName.get("get_bounce").annotations().idempotentHint()).isTrue();
        }
    }

    @Test
    void allowedActionsLimitTheTools() {
        String token = mint(Map.of("account_id", account, "allowed_actions", List.of("send_email", "list_bounces")));
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            assertThat(client.listTools().tools()).extracting(Tool::name)
                    .containsExactlyInAnyOrder("send_email", "list_bounces");
            assertThatThrownBy(() -> call(client, "delete_webhook", Map.of("webhook_id", 1)))
                    .hasMessageContaining("Unknown tool");
        }
    }

    @Test
    void sendEmailReachesThePostmarkFakeAndAnswersStructuredContent() {
        String token = mintFor(account, Map.of());
        int before = postmark.sentEmailCount();
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            CallToolResult result = call(client, "send_email", email("someone@example.com"));

            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(((Map<?, ?>) result.structuredContent()).get("message_id")).isNotNull();
            assertThat(text(result)).contains("message_id");
        }
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);
        assertThat(postmark.sentEmails().get(postmark.sentEmails().size() - 1).toString()).contains("someone@example.com");
    }

    @Test
    void theActivityLogNamesTheAgentTokenAsCallerAlsoForAPolicyDenial() {
        Response minted = mintResponse(Map.of("account_id", account, "policy",
                Map.of("allowed_recipient_domains", List.of("example.com"))));
        String token = minted.json().path("token").asText();
        McpApiTest.minted.add(token);
        String tokenId = minted.json().path("id").asText();
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            call(client, "get_delivery_stats", Map.of());
            call(client, "send_email", email("x@elsewhere.org"));
        }
        running.instance(ActivityWriter.class).flush();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            List<JsonNode> mine = new ArrayList<>();
            api.get("/v1/logs?account_id=" + account, API_KEY).json().path("data").forEach(entry -> {
                if (entry.path("caller").path("id").asText().equals(tokenId)) {
                    mine.add(entry);
                }
            });
            assertThat(mine).extracting(entry -> entry.path("caller").path("kind").asText())
                    .containsOnly("agent_token");
            assertThat(mine).extracting(entry -> entry.path("code").asText()).contains("policy_denied");
            assertThat(mine).hasSize(2);
        });
    }

    @Test
    void badInputIsAnErrorResultThatSaysWhatIsWrong() {
        String token = mintFor(account, Map.of());
        int before = postmark.sentEmailCount();
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            Map<String, Object> input = email("someone@example.com");
            input.remove("to");
            CallToolResult result = call(client, "send_email", input);

            assertThat(result.isError()).isTrue();
            assertThat(error(result)).containsEntry("code", "invalid_input");
            assertThat(text(result)).contains("to");
        }
        assertThat(postmark.sentEmailCount()).isEqualTo(before);
    }

    @Test
    void aMissingScopeIsAnErrorResult() {
        String token = mint(Map.of("account_id", account, "allowed_actions", List.of("list_servers", "send_email")));
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            // not listed, since the scopes do not allow it; a call says why
            assertThat(client.listTools().tools()).extracting(Tool::name).containsExactly("send_email");
            CallToolResult result = call(client, "list_servers", Map.of());

            assertThat(result.isError()).isTrue();
            assertThat(error(result)).containsEntry("code", "missing_scope");
            assertThat(text(result)).contains("account");
        }
    }

    @Test
    void aSuspendedAccountIsAnErrorResult() {
        String suspended = linkAccount("owner-suspended", postmark.addServer("Suspended").serverToken());
        String token = mintFor(suspended, Map.of());
        assertThat(api.post("/v1/accounts/" + suspended + "/suspend", API_KEY, Map.of("reason", "abuse")).status())
                .isEqualTo(200);
        int before = postmark.sentEmailCount();
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            CallToolResult result = call(client, "send_email", email("someone@example.com"));

            assertThat(result.isError()).isTrue();
            assertThat(error(result)).containsEntry("code", "account_suspended");
        }
        assertThat(postmark.sentEmailCount()).isEqualTo(before);
    }

    @Test
    void aRecipientOutsideTheAllowedDomainsIsDeniedAndNothingIsSent() {
        String token = mintFor(account, Map.of("allowed_recipient_domains", List.of("example.com")));
        int before = postmark.sentEmailCount();
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            CallToolResult denied = call(client, "send_email", email("a@example.com, b@elsewhere.org"));

            assertThat(denied.isError()).isTrue();
            assertThat(error(denied)).containsEntry("code", "policy_denied")
                    .containsEntry("rule", "allowed_recipient_domains");
            assertThat(text(denied)).contains("b@elsewhere.org");
            assertThat(postmark.sentEmailCount()).isEqualTo(before);

            CallToolResult allowed = call(client, "send_email", email("a@example.com, c@mail.example.com"));
            assertThat(allowed.isError()).as(text(allowed)).isFalse();
        }
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);
    }

    @Test
    void aSenderNotAllowedIsDenied() {
        String token = mintFor(account, Map.of("allowed_from", List.of("Agent <agent@example.com>")));
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            Map<String, Object> input = email("a@example.com");
            input.put("from", "ceo@example.com");
            CallToolResult denied = call(client, "send_email", input);
            assertThat(error(denied)).containsEntry("rule", "allowed_from");

            assertThat(call(client, "send_email", email("a@example.com")).isError()).isFalse();
        }
    }

    @Test
    void recipientsPerDayAreCountedAndARefusedSendCountsNothing() {
        String token = mintFor(account, Map.of("max_recipients_per_day", 3));
        int before = postmark.sentEmailCount();
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            assertThat(call(client, "send_email", email("a@example.com, b@example.com")).isError()).isFalse();

            CallToolResult denied = call(client, "send_email", email("c@example.com, d@example.com"));
            assertThat(error(denied)).containsEntry("rule", "max_recipients_per_day");

            // the refused send counted nothing: one recipient still fits
            assertThat(call(client, "send_email", email("e@example.com")).isError()).isFalse();
            assertThat(error(call(client, "send_email", email("f@example.com")))).containsEntry("rule",
                    "max_recipients_per_day");
        }
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 2);
        JsonNode listed = api.get("/v1/agent_tokens", API_KEY).json().path("data");
        assertThat(listed.findValues("max_recipients_per_day").stream().map(JsonNode::asInt)).contains(3);
    }

    @Test
    void callsPerHourAreLimited() {
        String token = mintFor(account, Map.of("max_calls_per_hour", 2));
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            assertThat(call(client, "get_delivery_stats", Map.of()).isError()).isFalse();
            assertThat(call(client, "get_delivery_stats", Map.of()).isError()).isFalse();
            CallToolResult denied = call(client, "get_delivery_stats", Map.of());
            assertThat(error(denied)).containsEntry("rule", "max_calls_per_hour");
        }
    }

    @Test
    void aDryRunChecksEverythingAndSendsNothing() {
        String token = mintFor(account, Map.of("dry_run", true, "allowed_recipient_domains", List.of("example.com")));
        int before = postmark.sentEmailCount();
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            CallToolResult result = call(client, "send_email", email("a@example.com"));
            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(((Map<?, ?>) result.structuredContent()).get("dry_run")).isEqualTo(true);
            assertThat(result.structuredContent().toString()).contains("a@example.com");

            Map<String, Object> bad = email("a@example.com");
            bad.remove("from");
            assertThat(error(call(client, "send_email", bad))).containsEntry("code", "invalid_input");
            assertThat(error(call(client, "send_email", email("x@other.org")))).containsEntry("code", "policy_denied");
        }
        assertThat(postmark.sentEmailCount()).isEqualTo(before);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswer() {
        String token = mintFor(account, Map.of());
        int before = postmark.sentEmailCount();
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            Map<String, Object> input = email("once@example.com");
            input.put("idempotency_key", "order-42");
            CallToolResult first = call(client, "send_email", input);
            CallToolResult second = call(client, "send_email", input);

            assertThat(first.isError()).as(text(first)).isFalse();
            assertThat(second.structuredContent()).isEqualTo(first.structuredContent());
        }
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);
    }

    @Test
    void aProviderOutageIsAnErrorResultWithRetryAfterAndCountsNoRecipients() {
        String token = mintFor(account, Map.of("max_recipients_per_day", 1));
        postmark.http().faults().add(Fault.unavailable(Duration.ofSeconds(7)));
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            CallToolResult result = call(client, "send_email", email("a@example.com"));

            assertThat(result.isError()).isTrue();
            assertThat(error(result)).containsEntry("code", "provider_unavailable");
            assertThat(error(result).get("retry_after_seconds")).isEqualTo(7);
            assertThat(text(result)).contains("Retry after 7 seconds");
            postmark.http().faults().clear();
            // the failed send counted nothing, and the account is still usable
            assertThat(call(client, "send_email", email("a@example.com")).isError()).isFalse();
        } finally {
            postmark.http().faults().clear();
        }
        assertThat(api.get("/v1/accounts/" + account, API_KEY).json().path("status").asText()).isEqualTo("active");
    }

    @Test
    void aProviderRejectionIsAnErrorResult() {
        String token = mintFor(account, Map.of());
        postmark.http().faults().add(FakePostmark.errorFault(422, 300, "Invalid 'To' address."));
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            CallToolResult result = call(client, "send_email", email("a@example.com"));

            assertThat(result.isError()).isTrue();
            assertThat(error(result)).containsEntry("code", "provider_rejected").containsEntry("provider_error_code", 300);
        } finally {
            postmark.http().faults().clear();
        }
    }

    @Test
    void theLongestIdempotencyKeyReplaysTooAndALongerOneIsRefused() {
        int before = postmark.sentEmailCount();
        Map<String, Object> input = email("long@example.com");
        input.put("idempotency_key", "k".repeat(255));
        String path = "/v1/accounts/" + account + "/tools/send_email:call";
        Response first = api.post(path, API_KEY, input);
        Response second = api.post(path, API_KEY, input);

        assertThat(first.json().path("isError").asBoolean()).as(first.body()).isFalse();
        assertThat(second.json().path("structuredContent")).isEqualTo(first.json().path("structuredContent"));
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);

        input.put("idempotency_key", "k".repeat(256));
        assertThat(api.post(path, API_KEY, input).json().path("structuredContent").path("error").path("code").asText())
                .isEqualTo("invalid_input");
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        Response minted = mintResponse(Map.of("account_id", account));
        String token = minted.json().path("token").asText();
        McpApiTest.minted.add(token);
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            assertThat(client.listTools().tools()).isNotEmpty();
            assertThat(api.delete("/v1/agent_tokens/" + minted.json().path("id").asText(), API_KEY).status())
                    .isEqualTo(204);
            assertThatThrownBy(client::listTools).isNotNull();
        }
        assertThat(rawInitialize(token).status()).isEqualTo(401);
        JsonNode listed = api.get("/v1/agent_tokens", API_KEY).json().path("data");
        assertThat(listed.toString()).contains("\"revoked\"").doesNotContain(token);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String secret = "agt_" + ApiKeys.newApiKey().substring(4);
        Instant past = Instant.now().minusSeconds(3600);
        running.instance(AgentTokenStore.class).insert(new AgentToken("agtk_expired", projectId(), Optional.of(account),
                Optional.empty(), Optional.empty(), Optional.empty(), AgentPolicy.NONE, past.minusSeconds(60), past,
                Optional.empty()), ApiKeys.hash(secret));

        assertThat(rawInitialize(secret).status()).isEqualTo(401);
        assertThatThrownBy(() -> McpClients.connect(api.baseUrl(), secret).close()).isNotNull();
    }

    @Test
    void theProjectApiKeyIsNotAcceptedOnMcp() {
        Response response = rawInitialize(API_KEY);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer");
        assertThat(rawInitialize(null).status()).isEqualTo(401);
    }

    @Test
    void anOwnerTokenCoversEveryAccountOfTheOwnerWithPrefixedNames() {
        String first = linkAccount("owner-many", postmark.addServer("Many 1").serverToken());
        String second = linkAccount("owner-many", postmark.addServer("Many 2").serverToken());
        String token = mint(Map.of("origin_owner_id", "owner-many", "allowed_actions", List.of("send_email")));
        int before = postmark.sentEmailCount();
        try (McpSyncClient client = McpClients.connect(api.baseUrl(), token)) {
            List<String> names = client.listTools().tools().stream().map(Tool::name).toList();
            assertThat(names).containsExactlyInAnyOrder(AgentTools.handle(first) + "__send_email",
                    AgentTools.handle(second) + "__send_email");
            CallToolResult result = call(client, AgentTools.handle(second) + "__send_email", email("x@example.com"));
            assertThat(result.isError()).as(text(result)).isFalse();
        }
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);
    }

    @Test
    void mintingRefusesBadInputAndStoresNothing() {
        int before = api.get("/v1/agent_tokens", API_KEY).json().path("data").size();
        assertThat(mintResponse(Map.of()).code()).isEqualTo("invalid_input");
        assertThat(mintResponse(Map.of("account_id", account, "origin_owner_id", "x")).code()).isEqualTo("invalid_input");
        assertThat(mintResponse(Map.of("account_id", account, "allowed_actions", List.of("fly"))).code())
                .isEqualTo("invalid_input");
        assertThat(mintResponse(Map.of("account_id", account, "expires_in", 400 * 86400)).code())
                .isEqualTo("invalid_input");
        assertThat(mintResponse(Map.of("account_id", account, "policy", Map.of("max_calls_per_hour", 0))).code())
                .isEqualTo("invalid_input");
        assertThat(mintResponse(Map.of("account_id", account, "policy", Map.of("dry_run", "yes"))).status())
                .isEqualTo(400);
        assertThat(mintResponse(Map.of("account_id", "acc_nope")).status()).isEqualTo(404);
        assertThat(api.get("/v1/agent_tokens", API_KEY).json().path("data").size()).isEqualTo(before);
    }

    @Test
    void theRestToolCallAnswersTheSameShape() {
        int before = postmark.sentEmailCount();
        Response sent = api.post("/v1/accounts/" + account + "/tools/send_email:call", API_KEY, email("r@example.com"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().path("isError").asBoolean()).isFalse();
        assertThat(sent.json().path("structuredContent").path("message_id").asText()).isNotBlank();
        assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);

        Response bad = api.post("/v1/accounts/" + account + "/tools/send_email:call", API_KEY, Map.of("to", "x@y.com"));
        assertThat(bad.json().path("isError").asBoolean()).isTrue();
        assertThat(bad.json().path("structuredContent").path("error").path("code").asText()).isEqualTo("invalid_input");

        assertThat(api.post("/v1/accounts/" + account + "/tools/fly:call", API_KEY, Map.of()).status()).isEqualTo(404);
    }

    private static String projectId() {
        return running.instance(ProjectStore.class).findByApiKeyHash(ApiKeys.hash(API_KEY)).orElseThrow().id();
    }

    private static Response rawInitialize(String bearer) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return api.send(request.build());
    }
}
