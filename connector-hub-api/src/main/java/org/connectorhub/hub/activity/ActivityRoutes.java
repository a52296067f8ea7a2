package org.connectorhub.hub.activity;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.port.in.ManageAccountsUseCase;
import org.connectorhub.hub.activity.ActivityQuery.Cursor;
import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.projects.Authentication;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.QueryParams;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.http.WireJson;
import org.connectorhub.hub.sessions.ConnectSession;
import org.connectorhub.hub.projects.Project;

/**
 * {@code GET /v1/logs} (newest first, keyset paging on time and id) and {@code GET /v1/logs/{id}}
 * for the platform, scoped to the API key's project; {@code GET /hub/api/accounts/{id}/activity}
 * for the Hub page, scoped to the session's owner (another owner's account is not found).
 */
public final class ActivityRoutes implements RouteContributor {
    /** How many entries the Hub page shows per account. */
    static final int END_USER_ENTRIES = 20;

    private final Authentication auth;
    private final ObjectMapper mapper;
    private final ActivityStore store;
    private final ManageAccountsUseCase accounts;

    @Inject
    public ActivityRoutes(Authentication auth, ObjectMapper mapper, ActivityStore store, ManageAccountsUseCase accounts) {
        this.auth = requireNonNull(auth, "auth is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.store = requireNonNull(store, "store is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/v1/logs", auth.platform(this::list));
        routes.get("/v1/logs/{id}", auth.platform(this::get));
        routes.get("/hub/api/accounts/{id}/activity", auth.endUser(this::endUserActivity));
    }

    private void list(Context ctx, Project project) {
        int pageSize = QueryParams.pageSize(ctx, ActivityQuery.DEFAULT_PAGE_SIZE, ActivityQuery.MAX_PAGE_SIZE);
        ActivityQuery query = new ActivityQuery(project.id(), param(ctx, "account_id"), param(ctx, "provider"),
                param(ctx, "action"), status(ctx), QueryParams.instant(ctx, "since"), QueryParams.instant(ctx, "until"),
                QueryParams.cursor(ctx).map(k -> new Cursor(k.at(), k.id())), pageSize);
        List<ActivityEntry> rows = store.list(query);
        Map<String, Object> json = new LinkedHashMap<>();
        List<ActivityEntry> page = rows.size() > pageSize ? rows.subList(0, pageSize) : rows;
        json.put("data", page.stream().map(ActivityRoutes::entry).toList());
        json.put("next_cursor", rows.size() > pageSize ? QueryParams.encode(page.get(page.size() - 1).at(), page.get(page.size() - 1).id()) : null);
        Responses.json(ctx, mapper, 200, json);
    }

    private void get(Context ctx, Project project) {
        ActivityEntry entry = store.find(project.id(), ctx.pathParam("id")).orElseThrow(() -> new ApiException(
                Problem.of(404, "log_entry_not_found", "Log entry not found", "No log entry "
                        + ctx.pathParam("id") + " in this project.")));
        Responses.json(ctx, mapper, 200, entry(entry));
    }

    /** The last entries of one of the session owner's accounts, without bodies. */
    private void endUserActivity(Context ctx, ConnectSession session) {
        String accountId = ctx.pathParam("id");
        boolean owned = accounts.get(session.projectId(), accountId).originOwnerId().equals(session.originOwnerId());
        if (!owned) {
            throw new AccountNotFoundException("No account " + accountId + " for this owner.");
        }
        List<ActivityEntry> rows = store.list(ActivityQuery.ofAccount(session.projectId(), accountId, END_USER_ENTRIES));
        List<Map<String, Object>> data = rows.stream().limit(END_USER_ENTRIES).map(e -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", e.id());
            json.put("at", WireJson.time(e.at()));
            json.put("action", e.what());
            json.put("ok", e.ok());
            json.put("status", e.status());
            json.put("code", e.code().orElse(null));
            json.put("message_id", e.providerIds().get("message_id"));
            return json;
        }).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_id", accountId);
        json.put("last_used_at", rows.isEmpty() ? null : WireJson.time(rows.get(0).at()));
        json.put("data", data);
        Responses.json(ctx, mapper, 200, json);
    }

    static Map<String, Object> entry(ActivityEntry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("at", WireJson.time(e.at()));
        json.put("account_id", e.accountId());
        json.put("provider", e.provider());
        json.put("kind", e.kind());
        json.put("action", e.what());
        Map<String, Object> caller = new LinkedHashMap<>();
        caller.put("kind", e.caller().kind().wireName());
        caller.put("id", e.caller().id());
        json.put("caller", caller);
        json.put("status", e.status());
        json.put("ok", e.ok());
        json.put("code", e.code().orElse(null));
        json.put("duration_ms", e.durationMicros() / 1000.0);
        json.put("provider_ids", e.providerIds());
        json.put("idempotency_key", e.idempotencyKey().orElse(null));
        json.put("replay", e.replay());
        e.requestBody().ifPresent(body -> json.put("request_body", body));
        e.responseBody().ifPresent(body -> json.put("response_body", body));
        return json;
    }

    private static Optional<String> param(Context ctx, String name) {
        return QueryParams.optional(ctx, name);
    }

    private static OptionalInt status(Context ctx) {
        Optional<String> value = param(ctx, "status");
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int status = Integer.parseInt(value.get());
            if (status >= 100 && status <= 599) {
                return OptionalInt.of(status);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw ApiException.invalidInput("status", "'status' must be an HTTP status code such as 200 or 409.");
    }
}
