package org.connectorhub.hub.page;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.sessions.ConnectSessions;
import org.connectorhub.hub.sessions.SessionException;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.hub.projects.Project;

/**
 * The end-user Hub page: {@code GET /hub} (the HTML shell), its script and style under
 * {@code /hub/assets/}, and {@code GET /hub/embed.js} for host pages. The page builds its form
 * from the connector descriptors of {@code GET /hub/api/session} and links through
 * {@code POST /hub/api/accounts}; nothing here is provider-specific.
 */
public final class HubPageRoutes implements RouteContributor {
    public static final String PAGE_PATH = "/hub";
    public static final String ASSETS_PATH = "/hub/assets/{file}";
    public static final String EMBED_PATH = "/hub/embed.js";

    private final ConnectSessions sessions;
    private final ProjectStore projects;
    private final HubPageAssets assets = new HubPageAssets();

    @Inject
    public HubPageRoutes(ConnectSessions sessions, ProjectStore projects) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.projects = requireNonNull(projects, "projects is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.page(PAGE_PATH, this::page);
        routes.page(ASSETS_PATH, this::asset);
        routes.page(EMBED_PATH, this::embedScript);
    }

    private void page(Context ctx) {
        // The token is only looked at to learn which origins may frame the page and receive its
        // messages; the page is the same for every session, and a bad token still gets it (the
        // script then shows the expired page).
        List<String> origins = Optional.ofNullable(ctx.queryParam("token"))
                .flatMap(this::allowedOrigins)
                .orElse(List.of());
        commonHeaders(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", HubPagePolicy.contentSecurityPolicy(origins));
        ctx.status(200).contentType("text/html; charset=utf-8").result(assets.page(origins));
    }

    private void asset(Context ctx) {
        Optional<HubPageAssets.Asset> asset = assets.asset(ctx.pathParam("file"));
        commonHeaders(ctx);
        if (asset.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found");
            return;
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.status(200).contentType(asset.get().contentType()).result(asset.get().bytes());
    }

    private void embedScript(Context ctx) {
        HubPageAssets.Asset script = assets.asset("embed.js").orElseThrow();
        commonHeaders(ctx);
        // Host pages load this from their own origin with a plain <script src>.
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
        ctx.status(200).contentType(script.contentType()).result(script.bytes());
    }

    private Optional<List<String>> allowedOrigins(String token) {
        if (token.isBlank()) {
            return Optional.empty();
        }
        try {
            return projects.find(sessions.open(token).projectId()).map(Project::allowedOrigins);
        } catch (SessionException e) {
            return Optional.empty();
        }
    }

    private static void commonHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
