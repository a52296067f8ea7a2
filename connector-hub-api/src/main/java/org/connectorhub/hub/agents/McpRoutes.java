package org.connectorhub.hub.agents;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.hub.config.HttpConfig;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.projects.AuthFailureLimiter;
import org.connectorhub.hub.storage.CurrentActor;

/**
 * {@code /mcp}: the Model Context Protocol over Streamable HTTP, stateless (any hub answers any
 * request; no MCP session is kept), with {@code Authorization: Bearer agt_...} on every request.
 * Each POST carries one JSON-RPC message and is answered with JSON; there is no server-to-client
 * stream, so GET and DELETE answer 405.
 */
public final class McpRoutes implements RouteContributor {
    public static final String PATH = "/mcp";
    private static final int PARSE_ERROR = -32700;
    private static final int INVALID_PARAMS = -32602;

    private final AgentTokens tokens;
    private final AgentTools tools;
    private final AgentCalls calls;
    private final McpEndpoint endpoint;
    private final ObjectMapper mapper;
    private final HttpConfig config;
    private final AuthFailureLimiter limiter;

    @Inject
    public McpRoutes(AgentTokens tokens, AgentTools tools, AgentCalls calls, ObjectMapper mapper, HttpConfig config,
            AuthFailureLimiter limiter) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.tools = requireNonNull(tools, "tools is null");
        this.calls = requireNonNull(calls, "calls is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.config = requireNonNull(config, "config is null");
        this.limiter = requireNonNull(limiter, "limiter is null");
        this.endpoint = new McpEndpoint();
    }

    @Override
    public void register(RouteTable routes) {
        routes.post(PATH, this::post);
        routes.get(PATH, this::notAllowed);
        routes.delete(PATH, this::notAllowed);
    }

    private void notAllowed(Context ctx) {
        ctx.header("Allow", "POST");
        Responses.problem(ctx, mapper, Problem.of(405, "method_not_allowed", "Method not allowed",
                "This MCP endpoint is stateless: POST one JSON-RPC message per request; there is no stream to open."));
    }

    private void post(Context ctx) throws IOException {
        AgentToken token = authenticate(ctx);
        Caller caller = new Caller(Caller.Kind.AGENT_TOKEN, token.id());
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > config.maxBodyBytes()) {
            Responses.problem(ctx, mapper, Problem.of(413, "payload_too_large", "Payload too large",
                    "The request body is larger than " + config.maxBodyBytes() + " bytes."));
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(endpoint.json(), new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            write(ctx, 400, McpSchema.JSONRPCResponse.error(null,
                    new McpSchema.JSONRPCResponse.JSONRPCError(PARSE_ERROR, "Not a JSON-RPC message.", null)));
            return;
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            endpoint.handle(notification);
            ctx.status(202);
            return;
        }
        if (!(message instanceof McpSchema.JSONRPCRequest request)) {
            ctx.status(202);
            return;
        }
        CurrentActor.set(new CurrentActor.Actor(caller, Optional.empty(), Optional.ofNullable(ctx.ip())));
        try {
            write(ctx, 200, switch (request.method()) {
                case McpSchema.METHOD_TOOLS_LIST -> McpSchema.JSONRPCResponse.result(request.id(),
                        Map.of("tools", tools.forToken(token).stream().map(ToolFormat.MCP::render).toList()));
                case McpSchema.METHOD_TOOLS_CALL -> call(token, request);
                default -> endpoint.handle(request);
            });
        } finally {
            CurrentActor.clear();
        }
    }

    private McpSchema.JSONRPCResponse call(AgentToken token, McpSchema.JSONRPCRequest request) {
        McpSchema.CallToolRequest params;
        try {
            params = endpoint.json().convertValue(request.params(), McpSchema.CallToolRequest.class);
        } catch (IllegalArgumentException e) {
            params = null;
        }
        if (params == null || params.name() == null) {
            return McpSchema.JSONRPCResponse.error(request.id(),
                    new McpSchema.JSONRPCResponse.JSONRPCError(INVALID_PARAMS, "tools/call needs a tool name.", null));
        }
        String name = params.name();
        Optional<AgentTool> tool = tools.find(token, name);
        if (tool.isEmpty()) {
            return McpSchema.JSONRPCResponse.error(request.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                    INVALID_PARAMS, "Unknown tool: " + name + ". Call tools/list for this token's tools.", null));
        }
        Map<String, Object> arguments = params.arguments() == null ? Map.of() : new LinkedHashMap<>(params.arguments());
        return McpSchema.JSONRPCResponse.result(request.id(), calls.call(token, tool.get(), arguments).toJson());
    }

    private AgentToken authenticate(Context ctx) {
        String address = ctx.ip();
        limiter.checkAllowed(address);
        Optional<AgentToken> token = bearer(ctx).flatMap(tokens::open);
        if (token.isEmpty()) {
            limiter.failed(address);
            throw new org.connectorhub.hub.http.ApiException(Problem.of(401, "unauthorized", "Unauthorized",
                    "Send a valid agent token as 'Authorization: Bearer agt_...'. Project API keys are not accepted "
                            + "here; a revoked or expired agent token is refused.")
                    .withHeader("WWW-Authenticate", "Bearer"));
        }
        return token.get();
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String credential = value.substring(7).strip();
        return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
    }

    private void write(Context ctx, int status, McpSchema.JSONRPCResponse response) throws IOException {
        ctx.status(status).contentType(Responses.JSON).result(endpoint.json().writeValueAsBytes(response));
    }

    static List<String> methods() {
        return List.of(McpSchema.METHOD_INITIALIZE, McpSchema.METHOD_PING, McpSchema.METHOD_TOOLS_LIST,
                McpSchema.METHOD_TOOLS_CALL);
    }
}
