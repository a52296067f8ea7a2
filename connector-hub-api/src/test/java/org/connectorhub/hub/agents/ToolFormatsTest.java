package org.connectorhub.hub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /v1/accounts/{id}/tools?format=...}: each shape exactly as its SDK documents it, field
 * names and nesting, nothing more. OpenAI (Chat Completions function tools):
 * {@code {"type":"function","function":{"name","description","parameters"}}}; Anthropic (Messages
 * API): {@code {"name","description","input_schema"}}; MCP: {@code name, title, description,
 * inputSchema, annotations}.
 */
class ToolFormatsTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.withApiKey(API_KEY);

    static HubClient api;
    static String account;

    @BeforeAll
    static void link() {
        api = running.client();
        Response linked = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "o",
                "credentials", Map.of("server_token", running.postmark().addServer("Formats").serverToken())));
        account = linked.json().path("id").asText();
    }

    static JsonNode tools(String format) {
        Response response = api.get("/v1/accounts/" + account + "/tools" + (format == null ? "" : "?format=" + format),
                API_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("data").size()).isGreaterThan(5);
        return response.json().path("data");
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode named(JsonNode tools, String name, String... path) {
        for (JsonNode tool : tools) {
            JsonNode at = tool;
            for (String step : path) {
                at = at.path(step);
            }
            if (at.asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name);
    }

    static void isAnObjectSchema(JsonNode schema) {
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("properties").isObject()).isTrue();
        assertThat(schema.has("$schema")).isFalse();
    }

    @Test
    void openAiFunctionToolsAreTypeFunctionWithNameDescriptionAndParameters() {
        JsonNode tools = tools("openai");
        for (JsonNode tool : tools) {
            assertThat(fields(tool)).containsExactly("type", "function");
            assertThat(tool.path("type").asText()).isEqualTo("function");
            assertThat(fields(tool.path("function"))).containsExactly("name", "description", "parameters");
            assertThat(tool.path("function").path("name").asText()).matches("^[a-zA-Z0-9_-]{1,64}$");
            isAnObjectSchema(tool.path("function").path("parameters"));
        }
        JsonNode send = named(tools, "send_email", "function", "name");
        assertThat(send.path("function").path("parameters").path("required").toString()).contains("\"to\"");
    }

    @Test
    void anthropicToolsAreNameDescriptionAndInputSchema() {
        JsonNode tools = tools("anthropic");
        for (JsonNode tool : tools) {
            assertThat(fields(tool)).containsExactly("name", "description", "input_schema");
            assertThat(tool.path("name").asText()).matches("^[a-zA-Z0-9_-]{1,64}$");
            isAnObjectSchema(tool.path("input_schema"));
        }
        assertThat(named(tools, "send_email", "name").path("description").asText()).contains("Sends real email");
    }

    @Test
    void mcpToolsAreTheDefaultWithTitleInputSchemaAndAnnotations() {
        JsonNode tools = tools(null);
        assertThat(tools).isEqualTo(tools("mcp"));
        for (JsonNode tool : tools) {
            assertThat(fields(tool)).containsExactly("name", "title", "description", "inputSchema", "annotations");
            isAnObjectSchema(tool.path("inputSchema"));
            assertThat(fields(tool.path("annotations"))).containsExactly("title", "readOnlyHint", "destructiveHint",
                    "idempotentHint", "openWorldHint");
        }
        assertThat(named(tools, "list_bounces", "name").path("annotations").path("readOnlyHint").asBoolean()).isTrue();
    }

    @Test
    void anUnknownFormatIsRefused() {
        Response response = api.get("/v1/accounts/" + account + "/tools?format=gemini", API_KEY);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("invalid_input");
    }

    @Test
    void anUnknownAccountIsNotFound() {
        assertThat(api.get("/v1/accounts/acc_missing/tools", API_KEY).status()).isEqualTo(404);
    }
}
