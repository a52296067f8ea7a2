package org.connectorhub.hub.projects;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.http.WireJson;

/**
 * The project's API keys: {@code GET /v1/api_keys} (never the key), {@code POST /v1/api_keys}
 * (the new key, shown once), {@code DELETE /v1/api_keys/{id}} (refused with {@code 409
 * last_api_key} for the calling key when it is the project's last). A revoked key is refused by
 * every hub as soon as the revocation commits.
 */
public final class ApiKeyRoutes implements RouteContributor {
    private final Authentication auth;
    private final ObjectMapper mapper;
    private final ApiKeyService keys;

    @Inject
    public ApiKeyRoutes(Authentication auth, ObjectMapper mapper, ApiKeyService keys) {
        this.auth = requireNonNull(auth, "auth is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.keys = requireNonNull(keys, "keys is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/v1/api_keys", auth.platform(this::list));
        routes.post("/v1/api_keys", auth.platform(this::create));
        routes.delete("/v1/api_keys/{id}", auth.platform(this::revoke));
    }

    private void list(Context ctx, Project project) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", keys.list(project.id()).stream().map(ApiKeyRoutes::key).toList());
        Responses.json(ctx, mapper, 200, json);
    }

    private void create(Context ctx, Project project) {
        ApiKeyService.CreatedKey created = keys.create(project.id());
        Map<String, Object> json = key(created.key());
        // the only time the key is shown
        json.put("key", created.secret());
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, mapper, 201, json);
    }

    private void revoke(Context ctx, Project project) {
        String id = ctx.pathParam("id");
        switch (keys.revoke(project.id(), id, Authentication.caller(ctx))) {
            case REVOKED -> ctx.status(204);
            case NOT_FOUND -> throw new ApiException(Problem.of(404, "api_key_not_found", "API key not found",
                    "This project has no API key with this id."));
            case LAST_KEY -> throw new ApiException(Problem.of(409, "last_api_key", "Last API key",
                    "This is the key making the request and the project's last one; create another key first."));
        }
    }

    static Map<String, Object> key(ApiKey key) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", key.id());
        json.put("prefix", key.prefix().orElse(null));
        json.put("created_at", WireJson.time(key.createdAt()));
        json.put("last_used_at", key.lastUsedAt().map(WireJson::time).orElse(null));
        return json;
    }
}
