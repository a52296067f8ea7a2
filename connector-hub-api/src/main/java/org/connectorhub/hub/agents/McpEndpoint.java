package org.connectorhub.hub.agents;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The official MCP SDK's stateless server, without an HTTP transport of its own: {@link McpRoutes}
 * hands it the JSON-RPC messages it does not answer itself (initialize, ping, notifications). Tools
 * differ per agent token, so {@code tools/list} and {@code tools/call} are the hub's.
 *
 * <p>The SDK's own input validator is replaced by one that accepts everything: it needs networknt
 * json-schema-validator 2.x, the hub pins 1.5.9 for {@code ActionInputValidator}, and the core's
 * action service validates every tool input against the action's schema anyway.
 */
final class McpEndpoint implements McpStatelessServerTransport {
    static final String SERVER_NAME = "connector-hub";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final McpJsonMapper json;
    private volatile McpStatelessServerHandler handler;

    McpEndpoint() {
        // its own mapper: MCP's field names are camelCase, whatever the hub's mapper does
        this.json = new JacksonMcpJsonMapper(new ObjectMapper());
        McpServer.sync(this)
                .serverInfo(SERVER_NAME, version())
                .instructions("Each tool is an action on a linked account, run by Connector Hub under this agent "
                        + "token's limits. Read a tool's description for what it costs; a refused call answers "
                        + "isError with the reason.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                .jsonSchemaValidator(ACCEPT_ALL)
                .validateToolInputs(false)
                .requestTimeout(TIMEOUT)
                .build();
        requireNonNull(handler, "the MCP server did not attach its handler");
    }

    private static final JsonSchemaValidator ACCEPT_ALL =
            (schema, structuredContent) -> JsonSchemaValidator.ValidationResponse.asValid(null);

    McpJsonMapper json() {
        return json;
    }

    McpSchema.JSONRPCResponse handle(McpSchema.JSONRPCRequest request) {
        return handler.handleRequest(McpTransportContext.create(Map.of()), request).block(TIMEOUT);
    }

    void handle(McpSchema.JSONRPCNotification notification) {
        handler.handleNotification(McpTransportContext.create(Map.of()), notification).block(TIMEOUT);
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = requireNonNull(handler, "handler is null");
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    private static String version() {
        String version = McpEndpoint.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
