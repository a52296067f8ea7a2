package org.connectorhub.hub.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.time.Duration;

/** The official MCP SDK's own client, over Streamable HTTP, with an agent token as bearer. */
public final class McpClients {
    private McpClients() {
    }

    /** An initialized client; close it after use. */
    public static McpSyncClient connect(String hubBaseUrl, String bearer) {
        McpSyncClient client = open(hubBaseUrl, bearer);
        client.initialize();
        return client;
    }

    /** A client not yet initialized. */
    public static McpSyncClient open(String hubBaseUrl, String bearer) {
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(hubBaseUrl)
                .endpoint("/mcp")
                .jsonMapper(json)
                .openConnectionOnStartup(false)
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization",
                        "Bearer " + bearer))
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .initializationTimeout(Duration.ofSeconds(20))
                // the SDK's default validator needs networknt 2.x; the hub validates inputs itself
                .jsonSchemaValidator((schema, content) -> JsonSchemaValidator.ValidationResponse.asValid(null))
                .build();
    }
}
