package org.connectorhub.hub.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.projects.Authentication;
import org.connectorhub.hub.http.QueryParams;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.http.WireJson;
import org.connectorhub.hub.projects.Project;

/** {@code GET /v1/audit}: the project's audit trail, newest first, keyset paging on time and id. */
public final class AuditRoutes implements RouteContributor {
    private final Authentication auth;
    private final ObjectMapper mapper;
    private final AuditStore store;

    @Inject
    public AuditRoutes(Authentication auth, ObjectMapper mapper, AuditStore store) {
        this.auth = requireNonNull(auth, "auth is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/v1/audit", auth.platform(this::list));
    }

    private void list(Context ctx, Project project) {
        int pageSize = QueryParams.pageSize(ctx, AuditQuery.DEFAULT_PAGE_SIZE, AuditQuery.MAX_PAGE_SIZE);
        AuditQuery query = new AuditQuery(project.id(), QueryParams.optional(ctx, "target_id"),
                QueryParams.optional(ctx, "actor"), QueryParams.optional(ctx, "type"), QueryParams.instant(ctx, "since"),
                QueryParams.instant(ctx, "until"), QueryParams.cursor(ctx).map(k -> new AuditQuery.Cursor(k.at(), k.id())),
                pageSize);
        List<AuditEntry> rows = store.list(query);
        List<AuditEntry> page = rows.size() > pageSize ? rows.subList(0, pageSize) : rows;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", page.stream().map(AuditRoutes::entry).toList());
        AuditEntry last = page.isEmpty() ? null : page.get(page.size() - 1);
        json.put("next_cursor", rows.size() > pageSize ? QueryParams.encode(last.at(), last.id()) : null);
        Responses.json(ctx, mapper, 200, json);
    }

    static Map<String, Object> entry(AuditEntry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("at", WireJson.time(e.at()));
        json.put("type", e.type());
        json.put("target_id", e.targetId());
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("kind", e.actor().kind().wireName());
        actor.put("id", e.actor().id());
        actor.put("owner_id", e.actorOwnerId().orElse(null));
        json.put("actor", actor);
        json.put("source_ip", e.sourceIp().orElse(null));
        json.put("changes", e.changes());
        return json;
    }
}
