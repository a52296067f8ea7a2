package org.connectorhub.hub.accounts;

import org.connectorhub.hub.config.HttpConfig;
import org.connectorhub.hub.sessions.SessionJson;

import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.JsonBody;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.ProblemMapper;
import org.connectorhub.hub.http.PublicUrl;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.http.WireJson;
import org.connectorhub.hub.idempotency.IdempotentResponder;
import org.connectorhub.hub.projects.Authentication;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.MetadataLimits;
import org.connectorhub.core.domain.Page;
import org.connectorhub.core.domain.ProviderRejectedException;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.UnknownProviderException;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.port.in.LinkAccountUseCase;
import org.connectorhub.core.port.in.LinkCommand;
import org.connectorhub.core.port.in.LinkResult;
import org.connectorhub.core.port.in.ManageAccountsUseCase;
import org.connectorhub.core.port.in.RunActionCommand;
import org.connectorhub.core.port.in.RunActionUseCase;
import org.connectorhub.core.port.in.SuspendAccountUseCase;
import org.connectorhub.core.port.in.UpdateCommand;
import org.connectorhub.core.port.in.VerifyAccountUseCase;
import org.connectorhub.core.port.in.VerifyResult;
import org.connectorhub.core.port.out.ActivityRecorder;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.hub.idempotency.IdempotentResponder.JsonResponse;
import org.connectorhub.hub.sessions.ConnectSessions;
import org.connectorhub.hub.sessions.CreatedSession;
import org.connectorhub.hub.sessions.NewSession;
import org.connectorhub.hub.projects.Project;

/** API v1 for platforms: connectors, accounts, actions, connect sessions (project API key). */
public final class PlatformRoutes implements RouteContributor {
    /** Bounds that keep bad input out of the database's column limits (and out of the 500 path). */
    static final int MAX_OWNER_ID = 255;
    public static final int MAX_NAME = 255;

    private final Authentication auth;
    private final ObjectMapper mapper;
    private final HttpConfig config;
    private final ConnectorRegistry connectors;
    private final LinkAccountUseCase linker;
    private final ManageAccountsUseCase accounts;
    private final VerifyAccountUseCase verifier;
    private final RunActionUseCase actions;
    private final SuspendAccountUseCase suspensions;
    private final IdempotentResponder idempotent;
    private final ConnectSessions sessions;
    private final PublicUrl publicUrl;
    private final CachingAccountStore actionAccounts;
    private final ActivityRecorder activity;
    private final Clock clock;
    private final ProviderEventsPreference providerEvents;

    @Inject
    public PlatformRoutes(Authentication auth, ObjectMapper mapper, HttpConfig config, ConnectorRegistry connectors,
            LinkAccountUseCase linker, ManageAccountsUseCase accounts, VerifyAccountUseCase verifier,
            RunActionUseCase actions, SuspendAccountUseCase suspensions, IdempotentResponder idempotent,
            ConnectSessions sessions, PublicUrl publicUrl, CachingAccountStore actionAccounts, ActivityRecorder activity,
            Clock clock, ProviderEventsPreference providerEvents) {
        this.auth = requireNonNull(auth, "auth is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.config = requireNonNull(config, "config is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.linker = requireNonNull(linker, "linker is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.actions = requireNonNull(actions, "actions is null");
        this.suspensions = requireNonNull(suspensions, "suspensions is null");
        this.idempotent = requireNonNull(idempotent, "idempotent is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
        this.actionAccounts = requireNonNull(actionAccounts, "actionAccounts is null");
        this.activity = requireNonNull(activity, "activity is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.providerEvents = requireNonNull(providerEvents, "providerEvents is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/v1/connectors", auth.platform(this::listConnectors));
        routes.get("/v1/connectors/{provider}", auth.platform(this::getConnector));
        routes.post("/v1/connect_sessions", auth.platform(this::createSession));
        routes.post("/v1/accounts", auth.platform(this::linkAccount));
        routes.get("/v1/accounts", auth.platform(this::listAccounts));
        routes.get("/v1/accounts/{id}", auth.platform(this::getAccount));
        routes.patch("/v1/accounts/{id}", auth.platform(this::updateAccount));
        routes.delete("/v1/accounts/{id}", auth.platform(this::deleteAccount));
        routes.post("/v1/accounts/{id}/verify", auth.platform(this::verifyAccount));
        routes.post("/v1/accounts/{id}/suspend", auth.platform(this::suspendAccount));
        routes.post("/v1/accounts/{id}/resume", auth.platform(this::resumeAccount));
        routes.post("/v1/accounts/{id}/actions/{action}", auth.platform(this::runAction));
    }

    private void listConnectors(Context ctx, Project project) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (Connector connector : connectors.all()) {
            data.add(WireJson.connector(connector));
        }
        Responses.json(ctx, mapper, 200, Map.of("data", data));
    }

    private void getConnector(Context ctx, Project project) {
        Responses.json(ctx, mapper, 200, WireJson.connector(connector(ctx.pathParam("provider"))));
    }

    private Connector connector(String provider) {
        return connectors.find(provider)
                .orElseThrow(() -> new UnknownProviderException("No connector for provider '" + provider + "'."));
    }

    private void createSession(Context ctx, Project project) {
        JsonBody body = JsonBody.read(ctx, mapper, config.maxBodyBytes()).allowOnly("origin_owner_id",
                "origin_owner_name", "origin_username", "provider", "account_id", "expires_in", "metadata", "auth_link");
        String ownerId = body.requiredString("origin_owner_id", MAX_OWNER_ID);
        String ownerName = body.requiredString("origin_owner_name", MAX_NAME);
        OptionalInt expiresIn = body.optionalInt("expires_in");
        // an auth link is sent to a customer and may wait for them up to 30 days; other sessions a day at most
        boolean authLink = body.optionalBoolean("auth_link").orElse(false);
        int seconds = expiresIn.orElse((int) NewSession.DEFAULT_EXPIRY.toSeconds());
        if (seconds < 1 || seconds > NewSession.maxExpiry(authLink).toSeconds()) {
            throw ApiException.invalidInput("expires_in", "'expires_in' must be between 1 and "
                    + NewSession.maxExpiry(authLink).toSeconds() + " seconds" + (authLink ? "." : " (up to "
                    + NewSession.MAX_AUTH_LINK_EXPIRY.toSeconds() + " with \"auth_link\": true)."));
        }
        Map<String, String> metadata = body.optionalStringMap("metadata").orElse(Map.of());
        MetadataLimits.requireWithin(metadata);
        NewSession request = new NewSession(ownerId, ownerName, body.optionalString("origin_username", MAX_NAME),
                body.optionalString("provider", MAX_NAME), body.optionalString("account_id", MAX_NAME),
                Duration.ofSeconds(seconds), metadata, authLink);
        CreatedSession created = sessions.create(project.id(), request);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", created.session().id());
        json.put("token", created.token());
        json.put("hub_url", publicUrl.base() + "/hub?token=" + created.token());
        if (authLink) {
            json.put("auth_link_url", publicUrl.base() + "/hub?token=" + created.token());
        }
        json.putAll(SessionJson.of(created.session()));
        Responses.json(ctx, mapper, 201, json);
    }

    private void linkAccount(Context ctx, Project project) {
        JsonBody body = JsonBody.read(ctx, mapper, config.maxBodyBytes()).allowOnly("provider", "origin_owner_id",
                "origin_owner_name", "origin_username", "label", "metadata", "credentials", "provider_events");
        Optional<Boolean> events = providerEventsChoice(body);
        String provider = body.requiredString("provider", MAX_NAME);
        String ownerId = body.requiredString("origin_owner_id", MAX_OWNER_ID);
        Map<String, String> credentials = body.requiredStringMap("credentials");
        LinkCommand command = new LinkCommand(project.id(), provider, ownerId,
                body.optionalString("origin_owner_name", MAX_NAME).orElse(""),
                body.optionalString("origin_username", MAX_NAME),
                body.optionalString("label"), body.optionalStringMap("metadata").orElse(Map.of()),
                Credentials.of(credentials), Optional.empty());
        idempotent.respond(ctx, project.id(), body.raw(), () -> {
            LinkResult result = linker.link(command);
            events.ifPresent(enabled -> providerEvents.set(project.id(), result.account().id(), enabled));
            return new JsonResponse(result.created() ? 201 : 200,
                    WireJson.linkedAccount(result.account(), result.warnings()));
        });
    }

    private void listAccounts(Context ctx, Project project) {
        Optional<AccountStatus> status = Optional.ofNullable(ctx.queryParam("status")).map(value -> {
            try {
                return AccountStatus.fromWireName(value);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidInput("status", "'status' must be one of " + AccountStatus.wireNames() + ".");
            }
        });
        int pageSize = pageSize(ctx);
        AccountQuery query = new AccountQuery(project.id(), nonBlank(ctx.queryParam("origin_owner_id")),
                nonBlank(ctx.queryParam("provider")), status, pageSize, nonBlank(ctx.queryParam("cursor")));
        Responses.json(ctx, mapper, 200, page(accounts.list(query)));
    }

    public static int pageSize(Context ctx) {
        String value = ctx.queryParam("page_size");
        if (value == null || value.isBlank()) {
            return AccountQuery.DEFAULT_PAGE_SIZE;
        }
        int size;
        try {
            size = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.wrongType("page_size", "an integer");
        }
        if (size < 1 || size > AccountQuery.MAX_PAGE_SIZE) {
            throw ApiException.invalidInput("page_size", "'page_size' must be between 1 and "
                    + AccountQuery.MAX_PAGE_SIZE + ".");
        }
        return size;
    }

    public static Map<String, Object> page(Page<LinkedAccount> page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", page.items().stream().map(WireJson::account).toList());
        json.put("next_cursor", page.nextCursor().orElse(null));
        return json;
    }

    public static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private void getAccount(Context ctx, Project project) {
        Responses.json(ctx, mapper, 200, WireJson.account(accounts.get(project.id(), ctx.pathParam("id"))));
    }

    private void updateAccount(Context ctx, Project project) {
        JsonBody body = JsonBody.read(ctx, mapper, config.maxBodyBytes()).allowOnly("credentials", "label", "metadata",
                "provider_events");
        Optional<Boolean> events = providerEventsChoice(body);
        Optional<Credentials> credentials = body.optionalStringMap("credentials").map(Credentials::of);
        Optional<String> label = body.node().has("label") && body.node().get("label").isNull()
                ? Optional.of("") : body.optionalString("label");
        UpdateCommand command = new UpdateCommand(project.id(), ctx.pathParam("id"), credentials, label,
                body.optionalStringMap("metadata"), expectedVersion(ctx));
        LinkedAccount updated = accounts.update(command);
        events.ifPresent(enabled -> providerEvents.set(project.id(), updated.id(), enabled));
        Responses.json(ctx, mapper, 200, WireJson.account(updated));
    }

    /** {@code provider_events}: false turns the provider's events off for this account (see /v1/provider_events). */
    private static Optional<Boolean> providerEventsChoice(JsonBody body) {
        JsonNode node = body.node().get("provider_events");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw ApiException.wrongType("provider_events", "true or false");
        }
        return Optional.of(node.booleanValue());
    }

    /** {@code If-Match: "3"} (or 3): update only if the account is still at version 3. */
    static Optional<Long> expectedVersion(Context ctx) {
        String value = ctx.header("If-Match");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String stripped = value.strip();
        if (stripped.startsWith("W/")) {
            stripped = stripped.substring(2);
        }
        stripped = stripped.replace("\"", "");
        try {
            return Optional.of(Long.parseLong(stripped));
        } catch (NumberFormatException e) {
            throw ApiException.wrongType("If-Match", "an account version number");
        }
    }

    private void deleteAccount(Context ctx, Project project) {
        accounts.delete(project.id(), ctx.pathParam("id"));
        ctx.status(204);
    }

    private void verifyAccount(Context ctx, Project project) {
        VerifyResult result = verifier.reverify(project.id(), ctx.pathParam("id"));
        if (result.outcome() instanceof VerificationOutcome.Unavailable unavailable) {
            throw new ProviderUnavailableException("The provider could not be reached: " + unavailable.reason()
                    + " The account's status is unchanged.", unavailable.retryAfter());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outcome", result.outcome() instanceof VerificationOutcome.Verified ? "verified" : "rejected");
        json.put("errors", result.outcome() instanceof VerificationOutcome.Rejected rejected
                ? WireJson.fieldErrors(rejected.errors()) : List.of());
        json.put("account", WireJson.account(result.account()));
        Responses.json(ctx, mapper, 200, json);
    }

    /** Optional body {@code {"reason": "..."}}; an empty body suspends without a reason. */
    private void suspendAccount(Context ctx, Project project) {
        Optional<String> reason = Optional.empty();
        long length = ctx.req().getContentLengthLong();
        if (length > 0 || (length < 0 && ctx.header("Content-Type") != null)) {
            JsonBody body = JsonBody.read(ctx, mapper, config.maxBodyBytes()).allowOnly("reason");
            reason = body.optionalString("reason", SuspendAccountUseCase.MAX_REASON_LENGTH);
        }
        Responses.json(ctx, mapper, 200, WireJson.account(
                suspensions.suspend(project.id(), ctx.pathParam("id"), Authentication.caller(ctx), reason)));
    }

    private void resumeAccount(Context ctx, Project project) {
        Responses.json(ctx, mapper, 200, WireJson.account(
                suspensions.resume(project.id(), ctx.pathParam("id"), Authentication.caller(ctx))));
    }

    /** Reads the request and writes the answer; the core's action service does the rest (see RunActionUseCase). */
    private void runAction(Context ctx, Project project) throws JsonProcessingException {
        JsonBody body = JsonBody.read(ctx, mapper, config.maxBodyBytes());
        // read off the tree (convertValue would serialize it to a buffer and parse that again)
        @SuppressWarnings("unchecked")
        Map<String, Object> input = mapper.treeToValue(body.node(), Map.class);
        RunActionCommand command = new RunActionCommand(project.id(), ctx.pathParam("id"), ctx.pathParam("action"),
                input, Optional.ofNullable(ctx.header(IdempotentResponder.HEADER)));
        // from here on every answer is an entry of the account's activity log
        Instant at = clock.instant();
        long started = System.nanoTime();
        Object[] outputs = new Object[1];
        try {
            idempotent.respond(ctx, project.id(), body.raw(), () -> {
                Map<String, Object> json = new LinkedHashMap<>();
                Object output = actions.run(command);
                outputs[0] = output;
                json.put("data", output);
                return new JsonResponse(200, json);
            });
        } catch (RuntimeException e) {
            recordActivity(ctx, command, body, at, started, e, outputs[0]);
            throw e;
        }
        recordActivity(ctx, command, body, at, started, null, outputs[0]);
    }

    /**
     * One activity entry per answered action: ids and outcome, bodies only when the operator asked.
     * The account row comes from the short-lived cache the action service read; an unknown account has no log.
     */
    private void recordActivity(Context ctx, RunActionCommand command, JsonBody body, Instant at, long started,
            RuntimeException failure, Object output) {
        try {
            Optional<LinkedAccount> found = actionAccounts.find(command.projectId(), command.accountId());
            if (found.isEmpty()) {
                return;
            }
            LinkedAccount account = found.get();
            String actionName = command.action();
            int status;
            Optional<String> code = Optional.empty();
            Map<String, String> providerIds = new LinkedHashMap<>();
            Object responseBody = null;
            if (failure == null) {
                status = ctx.statusCode();
                if (output != null) {
                    providerIds = providerIds(output);
                    responseBody = Map.of("data", output);
                }
            } else {
                Problem problem = failure instanceof ConnectorHubException e ? ProblemMapper.toProblem(e)
                        : failure instanceof ApiException e ? e.problem()
                        : Problem.of(500, "internal_error", "Internal error", "internal error");
                status = problem.status();
                code = Optional.of(problem.code());
                responseBody = problem.body();
                if (failure instanceof ProviderRejectedException rejected) {
                    providerIds.put("error_code", Integer.toString(rejected.providerErrorCode()));
                }
            }
            boolean replay = "true".equals(ctx.res().getHeader("Idempotent-Replayed"));
            boolean bodies = activity.keepsBodies();
            activity.record(new ActivityEntry(ActivityEntry.newId(at), at, command.projectId(), account.id(), account.provider(), "action",
                    actionName, Authentication.caller(ctx), status, code, (System.nanoTime() - started) / 1000,
                    providerIds, Optional.ofNullable(ctx.header(IdempotentResponder.HEADER)), replay,
                    bodies ? Optional.of(new String(body.raw(), StandardCharsets.UTF_8)) : Optional.empty(),
                    bodies && responseBody != null ? Optional.of(Responses.write(mapper, responseBody)) : Optional.empty()));
        } catch (RuntimeException e) {
            // the log never fails an action
        }
    }

    /** The provider's own ids in an action's output: {@code message_id}, {@code error_code}, any other {@code *_id}. */
    static Map<String, String> providerIds(Object output) {
        Map<String, String> ids = new LinkedHashMap<>();
        if (output instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                Object value = entry.getValue();
                boolean scalar = value instanceof String || value instanceof Number;
                if (scalar && (name.endsWith("_id") || name.equals("error_code")) && ids.size() < 8) {
                    String text = String.valueOf(value);
                    ids.put(name, text.length() > 200 ? text.substring(0, 200) : text);
                }
            }
        }
        return ids;
    }
}
