package org.connectorhub.hub.page;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.ProblemMapper;
import org.connectorhub.hub.http.WireJson;
import org.connectorhub.hub.session.ConnectSession;
import org.connectorhub.hub.session.ConnectSessions;
import org.connectorhub.hub.session.SessionException;
import org.connectorhub.hub.store.JdbcProjectStore;
import org.connectorhub.hub.store.Project;

/**
 * The end-user Hub page: {@code GET /hub} (the HTML shell), its script and style under
 * {@code /hub/assets/}, {@code GET /hub/embed.js} for host pages, and the session-authorized
 * {@code GET /hub/api/connectors} the page builds its form from. The page itself talks to the
 * {@code /hub/api/session} and {@code /hub/api/accounts} endpoints of the HTTP API.
 */
public final class HubPageRoutes {
    public static final String PAGE_PATH = "/hub";
    public static final String EMBED_PATH = "/hub/embed.js";
    public static final String CONNECTORS_PATH = "/hub/api/connectors";

    private final ConnectSessions sessions;
    private final ConnectorRegistry connectors;
    private final JdbcProjectStore projects;
    private final HubPageAssets assets = new HubPageAssets();

    @Inject
    public HubPageRoutes(ConnectSessions sessions, ConnectorRegistry connectors, JdbcProjectStore projects) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.projects = requireNonNull(projects, "projects is null");
    }

    /** Adds the page's routes; works on a {@code Javalin} app and inside {@code config.router.mount}. */
    public void register(JavalinDefaultRoutingApi<?> routes) {
        routes.get(PAGE_PATH, this::page);
        routes.get(PAGE_PATH + "/", this::page);
        routes.get("/hub/assets/{file}", this::asset);
        routes.get(EMBED_PATH, this::embedScript);
        routes.get(CONNECTORS_PATH, this::connectors);
    }

    private void page(Context ctx) {
        // The token is only peeked at to learn which origins may frame the page; the page
        // itself is the same for every session, and an unknown token still gets it (the
        // script then shows the expired page).
        List<String> origins = Optional.ofNullable(ctx.queryParam("token"))
                .flatMap(this::allowedOrigins)
                .orElse(List.of());
        commonHeaders(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", HubPagePolicy.contentSecurityPolicy(origins));
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(assets.page(origins));
    }

    private void asset(Context ctx) {
        Optional<HubPageAssets.Asset> asset = assets.asset(ctx.pathParam("file"));
        commonHeaders(ctx);
        if (asset.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found");
            return;
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(asset.get().contentType());
        ctx.result(asset.get().bytes());
    }

    private void embedScript(Context ctx) {
        HubPageAssets.Asset script = assets.asset("embed.js").orElseThrow();
        commonHeaders(ctx);
        // Host pages load this cross-origin with a plain <script> tag.
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
        ctx.contentType(script.contentType());
        ctx.result(script.bytes());
    }

    private void connectors(Context ctx) {
        commonHeaders(ctx);
        ctx.header("Cache-Control", "no-store");
        Optional<String> token = bearerToken(ctx);
        if (token.isEmpty()) {
            problem(ctx, ProblemMapper.toProblem(new SessionException(SessionException.INVALID,
                    "A connect session token is required.")));
            return;
        }
        ConnectSession session;
        try {
            session = sessions.open(token.get());
        } catch (SessionException e) {
            problem(ctx, ProblemMapper.toProblem(e));
            return;
        }
        List<Map<String, Object>> data = connectors.all().stream()
                .filter(connector -> session.provider().map(connector.descriptor().provider()::equals).orElse(true))
                .map(WireJson::connector)
                .toList();
        ctx.json(Map.of("data", data));
    }

    private Optional<List<String>> allowedOrigins(String token) {
        try {
            ConnectSession session = sessions.open(token);
            return projects.find(session.projectId()).map(Project::allowedOrigins);
        } catch (SessionException e) {
            return Optional.empty();
        }
    }

    static Optional<String> bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static void commonHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static void problem(Context ctx, Problem problem) {
        ctx.status(problem.status());
        problem.headers().forEach(ctx::header);
        ctx.json(problem.body());
        ctx.contentType("application/problem+json");
    }
}
