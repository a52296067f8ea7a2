package org.connectorhub.hub.agents;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.port.in.ManageAccountsUseCase;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.hub.config.HttpConfig;
import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.JsonBody;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.projects.Authentication;
import org.connectorhub.hub.projects.Project;

/**
 * Agent tokens ({@code /v1/agent_tokens}) and an account's tools for agents that do not speak
 * MCP ({@code GET /v1/accounts/{id}/tools}, {@code POST /v1/accounts/{id}/tools/{name}:call}),
 * all with the project API key.
 */
public final class AgentRoutes implements RouteContributor {
    static final int MAX_NAME = 255;
    static final int MAX_LIST = 100;
    private static final String CALL_SUFFIX = ":call";

    private final Authentication auth;
    private final ObjectMapper mapper;
    private final HttpConfig config;
    private final AgentTokens tokens;
    private final AgentTools tools;
    private final AgentCalls calls;
    private final AgentUsageStore usage;
    private final ManageAccountsUseCase accounts;
    private final ConnectorRegistry connectors;

    @Inject
    public AgentRoutes(Authentication auth, ObjectMapper mapper, HttpConfig config, AgentTokens tokens,
            AgentTools tools, AgentCalls calls, AgentUsageStore usage, ManageAccountsUseCase accounts,
            ConnectorRegistry connectors) {
        this.auth = requireNonNull(auth, "auth is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.config = requireNonNull(config, "config is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.tools = requireNonNull(tools, "tools is null");
        this.calls = requireNonNull(calls, "calls is null");
        this.usage = requireNonNull(usage, "usage is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.post("/v1/agent_tokens", auth.platform(this::mint));
        routes.get("/v1/agent_tokens", auth.platform(this::list));
        routes.delete("/v1/agent_tokens/{id}", auth.platform(this::revoke));
        routes.get("/v1/accounts/{id}/tools", auth.platform(this::tools));
        // Javalin has no "{name}:call" segment: the whole segment is read here
        routes.post("/v1/accounts/{id}/tools/{call}", auth.platform(this::call));
    }

    private void mint(Context ctx, Project project) {
        JsonBody body = JsonBody.read(ctx, mapper, config.maxBodyBytes()).allowOnly("account_id", "origin_owner_id",
                "name", "allowed_actions", "expires_in", "policy");
        Optional<String> accountId = body.optionalString("account_id", MAX_NAME);
        Optional<String> ownerId = body.optionalString("origin_owner_id", MAX_NAME);
        if (accountId.isPresent() == ownerId.isPresent()) {
            throw ApiException.invalidInput("account_id", "Give exactly one of 'account_id' (one account) or "
                    + "'origin_owner_id' (every account of one end user).");
        }
        Set<String> known = new TreeSet<>();
        if (accountId.isPresent()) {
            LinkedAccount account = accounts.get(project.id(), accountId.get());
            connectors.find(account.provider()).ifPresent(c -> addNames(known, c));
        } else {
            connectors.all().forEach(c -> addNames(known, c));
        }
        Optional<List<String>> allowed = stringList(body.node().get("allowed_actions"), "allowed_actions", MAX_LIST);
        if (allowed.isPresent()) {
            for (String action : allowed.get()) {
                if (!known.contains(action)) {
                    throw ApiException.invalidInput("allowed_actions", "'allowed_actions' names '" + action
                            + "', which is not an action here. Known: " + String.join(", ", known) + ".");
                }
            }
        }
        OptionalInt expiresIn = body.optionalInt("expires_in");
        long seconds = expiresIn.isPresent() ? expiresIn.getAsInt() : AgentTokens.DEFAULT_EXPIRY.toSeconds();
        if (seconds < 60 || seconds > AgentTokens.MAX_EXPIRY.toSeconds()) {
            throw ApiException.invalidInput("expires_in", "'expires_in' must be between 60 and "
                    + AgentTokens.MAX_EXPIRY.toSeconds() + " seconds (one year).");
        }
        AgentPolicy policy = policy(body.node().get("policy"));
        AgentTokens.Minted minted = tokens.mint(project.id(), accountId, ownerId, body.optionalString("name", MAX_NAME),
                allowed, policy, Duration.ofSeconds(seconds));
        Map<String, Object> json = new LinkedHashMap<>(minted.token().toJson(tokens.now()));
        json.put("token", minted.secret());
        Responses.json(ctx, mapper, 201, json);
    }

    private static void addNames(Set<String> names, Connector connector) {
        for (ConnectorAction action : connector.actions()) {
            names.add(action.descriptor().name());
        }
    }

    private static AgentPolicy policy(JsonNode node) {
        if (node == null || node.isNull()) {
            return AgentPolicy.NONE;
        }
        if (!node.isObject()) {
            throw ApiException.wrongType("policy", "an object");
        }
        Set<String> fields = Set.of("max_calls_per_hour", "max_recipients_per_day", "allowed_recipient_domains",
                "allowed_from", "dry_run");
        node.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                throw ApiException.invalidInput("policy", "'policy' takes only " + new TreeSet<>(fields) + ".");
            }
        });
        JsonNode dryRun = node.get("dry_run");
        if (dryRun != null && !dryRun.isNull() && !dryRun.isBoolean()) {
            throw ApiException.wrongType("policy.dry_run", "a boolean");
        }
        List<String> domains = stringList(node.get("allowed_recipient_domains"), "policy.allowed_recipient_domains",
                MAX_LIST).orElse(List.of());
        for (String domain : domains) {
            if (!domain.matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
                throw ApiException.invalidInput("policy.allowed_recipient_domains", "'" + domain
                        + "' is not a domain name like example.com.");
            }
        }
        List<String> from = stringList(node.get("allowed_from"), "policy.allowed_from", MAX_LIST).orElse(List.of());
        for (String address : from) {
            if (!address.contains("@")) {
                throw ApiException.invalidInput("policy.allowed_from", "'" + address + "' is not an email address.");
            }
        }
        return new AgentPolicy(positive(node.get("max_calls_per_hour"), "policy.max_calls_per_hour"),
                positive(node.get("max_recipients_per_day"), "policy.max_recipients_per_day"), domains, from,
                dryRun != null && dryRun.asBoolean());
    }

    private static OptionalInt positive(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw ApiException.wrongType(field, "an integer");
        }
        if (node.asInt() < 1) {
            throw ApiException.invalidInput(field, "'" + field + "' must be at least 1.");
        }
        return OptionalInt.of(node.asInt());
    }

    private static Optional<List<String>> stringList(JsonNode node, String field, int max) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw ApiException.wrongType(field, "an array of strings");
        }
        if (node.size() > max) {
            throw ApiException.invalidInput(field, "'" + field + "' takes at most " + max + " items.");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > MAX_NAME) {
                throw ApiException.wrongType(field, "an array of non-empty strings");
            }
            values.add(item.asText().strip());
        }
        return Optional.of(values);
    }

    private void list(Context ctx, Project project) {
        List<Map<String, Object>> data = new ArrayList<>();
        java.time.Instant now = tokens.now();
        for (AgentToken token : tokens.list(project.id())) {
            Map<String, Object> json = new LinkedHashMap<>(token.toJson(now));
            AgentUsageStore.Usage used = usage.usage(token.id(), now);
            json.put("usage", Map.of("calls_this_hour", used.callsThisHour(), "recipients_today", used.recipientsToday()));
            data.add(json);
        }
        Responses.json(ctx, mapper, 200, Map.of("data", data));
    }

    private void revoke(Context ctx, Project project) {
        if (!tokens.revoke(project.id(), ctx.pathParam("id"))) {
            throw new ApiException(Problem.of(404, "agent_token_not_found", "Agent token not found",
                    "No agent token " + ctx.pathParam("id") + " in this project."));
        }
        ctx.status(204);
    }

    private void tools(Context ctx, Project project) {
        String value = Optional.ofNullable(ctx.queryParam("format")).orElse("mcp");
        ToolFormat format;
        try {
            format = ToolFormat.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidInput("format", "'format' must be mcp, openai or anthropic.");
        }
        List<Map<String, Object>> data = tools.forAccount(project.id(), ctx.pathParam("id")).stream()
                .map(format::render).toList();
        Responses.json(ctx, mapper, 200, Map.of("format", format.name().toLowerCase(java.util.Locale.ROOT),
                "data", data));
    }

    private void call(Context ctx, Project project) throws Exception {
        String segment = ctx.pathParam("call");
        if (!segment.endsWith(CALL_SUFFIX)) {
            throw new ApiException(Problem.of(404, "not_found", "Not found",
                    "Call a tool with POST /v1/accounts/{id}/tools/{name}:call."));
        }
        String name = segment.substring(0, segment.length() - CALL_SUFFIX.length());
        AgentTool tool = tools.findForAccount(project.id(), ctx.pathParam("id"), name)
                .orElseThrow(() -> new ApiException(Problem.of(404, "unknown_tool", "Unknown tool",
                        "This account has no tool '" + name + "' (see GET /v1/accounts/{id}/tools).")));
        JsonBody body = JsonBody.read(ctx, mapper, config.maxBodyBytes());
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = mapper.treeToValue(body.node(), Map.class);
        ToolResult result = calls.call(project.id(), Authentication.caller(ctx), tool, arguments);
        Responses.json(ctx, mapper, 200, result.toJson());
    }
}
