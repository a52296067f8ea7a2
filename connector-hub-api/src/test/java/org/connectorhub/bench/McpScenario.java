package org.connectorhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.agents.McpClients;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Scenario 2c: what MCP adds to a send. {@code tools/call send_email} on {@code /mcp} with an
 * agent token vs the REST {@code send_email} action with the project API key, through the same hub
 * and the same fake, at concurrency 1, in alternating slices ({@link LoadDriver#compare}). The MCP
 * side is a JSON-RPC POST on the same client as REST (the hub's own cost: token lookup in the
 * database, policy, counters, tool resolution); a second pair drives the official SDK client, as an
 * agent would.
 */
final class McpScenario implements Scenario {
    static final double TARGET_ADDED_P50_MS = 1.0;
    private static final String SCENARIO = "2c. MCP tools/call vs REST action";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String key() {
        return "mcp";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        String apiKey = ApiKeys.newApiKey();
        Path dataDir = Files.createTempDirectory(settings.workDir(), "mcp-overhead");
        List<Figure> figures = new ArrayList<>();
        try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake);
                TestHub hub = TestHub.start(TestHub.config(fake, dataDir, apiKey)
                        .connector("postmark", "read_timeout_ms", "10000").build());
                HubHttp rest = new HubHttp(hub.client().baseUrl(), apiKey);
                Rpc rpc = new Rpc()) {
            String account = rest.link("bench-owner", fake.addServer("Bench").serverToken());
            HubHttp.Request send = rest.sendEmail(account);
            // a policy that every send passes, so its checks and counters are part of the cost
            String token = hub.client().post("/v1/agent_tokens", apiKey, Map.of("account_id", account, "policy",
                    Map.of("max_calls_per_hour", 100_000_000, "max_recipients_per_day", 100_000_000,
                            "allowed_recipient_domains", List.of("example.com")))).json().path("token").asText();
            String mcpUrl = hub.client().baseUrl() + "/mcp";
            byte[] call = JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/call",
                    "params", Map.of("name", "send_email", "arguments", BenchPostmark.emailInput())));
            int slices = settings.smoke() ? 2 : 6;

            LoadResult[] raw = LoadDriver.compare(1, settings.warmup(), settings.measure(), slices,
                    "REST send_email action", thread -> rest.call(send),
                    "MCP tools/call (JSON-RPC POST)", thread -> rpc.call(mcpUrl, token, call));
            figures.add(added("same HTTP client", raw[0], raw[1]));
            try (McpSyncClient sdk = McpClients.connect(hub.client().baseUrl(), token)) {
                McpSchema.CallToolRequest request = new McpSchema.CallToolRequest("send_email", BenchPostmark.emailInput());
                LoadResult[] viaSdk = LoadDriver.compare(1, settings.warmup(), settings.measure(), slices,
                        "REST send_email action", thread -> rest.call(send),
                        "MCP SDK client callTool", thread -> {
                            if (Boolean.TRUE.equals(sdk.callTool(request).isError())) {
                                throw new IllegalStateException("tools/call answered an error");
                            }
                        });
                figures.add(added("official SDK client", viaSdk[0], viaSdk[1]));
            }
        }
        return figures;
    }

    private static Figure added(String how, LoadResult rest, LoadResult mcp) {
        double addedMs = (mcp.p50Micros() - rest.p50Micros()) / 1000;
        return new Figure(SCENARIO, "send latency p50, concurrency 1, " + how, rest.name(), rest.p50Micros() / 1000,
                mcp.name(), mcp.p50Micros() / 1000, "ms", String.format("added <= %.1f ms", TARGET_ADDED_P50_MS),
                addedMs <= TARGET_ADDED_P50_MS, rest.ops(), mcp.ops(),
                String.format("added p50 %.3f ms (x%.2f); p99 %.3f vs %.3f ms (x%.2f).", addedMs,
                        mcp.p50Micros() / rest.p50Micros(), rest.p99Micros() / 1000, mcp.p99Micros() / 1000,
                        mcp.p99Micros() / rest.p99Micros()) + Figure.errorsNote(rest, mcp));
    }

    /** A JSON-RPC POST on the same Apache client as the REST side; checks the result is not an error. */
    private static final class Rpc implements AutoCloseable {
        private final CloseableHttpClient http = HttpClients.custom()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(20)).build())
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .build();

        void call(String url, String token, byte[] body) throws IOException {
            HttpPost post = new HttpPost(url);
            post.setHeader("Authorization", "Bearer " + token);
            post.setHeader("Accept", "application/json, text/event-stream");
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            http.execute(post, response -> {
                String text = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                if (response.getCode() != 200 || !text.contains("\"isError\":false")) {
                    throw new IllegalStateException("tools/call answered " + response.getCode());
                }
                return null;
            });
        }

        @Override
        public void close() throws IOException {
            http.close();
        }
    }
}
