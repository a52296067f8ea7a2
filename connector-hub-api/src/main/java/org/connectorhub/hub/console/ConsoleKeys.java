package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.projects.ApiKey;
import org.connectorhub.hub.projects.ApiKeyService;

/**
 * The API keys page: the project's keys (prefix, created, last used; never a key), Create (the new
 * key shown once, on the answer page) and Revoke (a confirmation naming the prefix). The same
 * {@link ApiKeyService} as {@code /v1/api_keys}; the console session is the audit trail's actor.
 */
public final class ConsoleKeys implements RouteContributor {
    static final String PATH = "/console/api_keys";
    private static final Map<String, String> NOTICES = Map.of("revoked", "The API key was revoked: every hub refuses it now.");

    private final ConsoleGuard guard;
    private final ApiKeyService keys;

    @Inject
    public ConsoleKeys(ConsoleGuard guard, ApiKeyService keys) {
        this.guard = requireNonNull(guard, "guard is null");
        this.keys = requireNonNull(keys, "keys is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.page(PATH, guard.page(this::list));
        routes.form(PATH, guard.form(this::create));
        routes.page(PATH + "/{id}/revoke", guard.page(this::confirmRevoke));
        routes.form(PATH + "/{id}/revoke", guard.form(this::revoke));
    }

    private void list(Context ctx, ConsoleGuard.Operator operator) {
        List<ApiKey> all = keys.list(operator.project().id());
        String html = ConsolePages.frame(operator, "API keys", PATH, page -> {
            String done = ctx.queryParam("done");
            if (done != null && NOTICES.containsKey(done)) {
                page.el("p", NOTICES.get(done), "role", "status", "class", "notice");
            }
            page.el("p", "The platform's backend calls the API with one of these keys. A key is shown once, when it is"
                    + " created; only its first characters are kept to tell keys apart.");
            page.open("form", "method", "post", "action", PATH, "class", "inline").csrf(operator.csrf())
                    .el("button", "Create API key", "type", "submit", "class", "primary", "id", "create-key").close("form");
            page.open("div", "class", "table-wrap", "tabindex", "0", "role", "region", "aria-label", "Scrollable table")
                    .open("table", "id", "api-keys").el("caption", "The project's API keys, oldest first")
                    .open("thead").open("tr");
            for (String column : List.of("Key", "Created", "Last used", "Actions")) {
                page.el("th", column, "scope", "col");
            }
            page.close("tr").close("thead").open("tbody");
            for (ApiKey key : all) {
                page.open("tr", "data-key-id", key.id())
                        .open("th", "scope", "row").el("code", shown(key)).close("th")
                        .el("td", ConsolePages.time(key.createdAt()))
                        .el("td", ConsolePages.time(key.lastUsedAt()))
                        .open("td").el("a", "Revoke", "href", PATH + "/" + key.id() + "/revoke", "class", "danger",
                                "aria-label", "Revoke " + shown(key)).close("td")
                        .close("tr");
            }
            page.close("tbody").close("table").close("div");
        });
        ConsolePages.send(ctx, 200, html);
    }

    private void create(Context ctx, ConsoleGuard.Operator operator) {
        ApiKeyService.CreatedKey created = keys.create(operator.project().id());
        // the only page that ever holds the key (no-store, like every console page)
        ConsolePages.send(ctx, 201, ConsolePages.frame(operator, "API key created", PATH, page -> {
            page.el("p", "Copy the key now: it is shown this once, and the hub keeps only its hash.", "role", "status",
                    "class", "notice");
            page.open("div", "class", "field").el("label", "New API key", "for", "new-api-key")
                    .open("input", "id", "new-api-key", "type", "text", "readonly", "", "value", created.secret())
                    .close("div");
            page.el("button", "Copy key", "type", "button", "class", "copy primary", "data-copy", "#new-api-key");
            page.open("p").el("a", "Back to the API keys", "href", PATH).close("p");
        }));
    }

    private void confirmRevoke(Context ctx, ConsoleGuard.Operator operator) {
        Optional<ApiKey> key = find(operator, ctx.pathParam("id"));
        if (key.isEmpty()) {
            notFound(ctx, operator);
            return;
        }
        String name = shown(key.get());
        String html = ConsolePages.frame(operator, "Revoke the API key " + name + "?", PATH, page -> {
            page.el("p", "Every hub refuses the key " + name + " (created " + ConsolePages.time(key.get().createdAt())
                    + ", last used " + ConsolePages.time(key.get().lastUsedAt()) + ") as soon as it is revoked."
                    + " It cannot be undone.");
            page.open("div", "class", "buttons");
            page.open("form", "method", "post", "action", PATH + "/" + key.get().id() + "/revoke", "class", "inline")
                    .csrf(operator.csrf()).el("button", "Revoke " + name, "type", "submit", "class", "danger",
                            "id", "confirm-revoke").close("form");
            page.el("a", "Cancel", "href", PATH, "class", "button secondary");
            page.close("div");
        });
        ConsolePages.send(ctx, 200, html);
    }

    private void revoke(Context ctx, ConsoleGuard.Operator operator) {
        Optional<ApiKey> key = find(operator, ctx.pathParam("id"));
        if (key.isEmpty()) {
            notFound(ctx, operator);
            return;
        }
        switch (keys.revoke(operator.project().id(), key.get().id(), operator.caller())) {
            case REVOKED -> ctx.redirect(PATH + "?done=revoked", io.javalin.http.HttpStatus.SEE_OTHER);
            case NOT_FOUND -> notFound(ctx, operator);
            case LAST_KEY -> ConsolePages.send(ctx, 409, ConsolePages.frame(operator, "This is the project's last API key",
                    PATH, page -> {
                        page.el("p", "The key " + shown(key.get()) + " is the project's only API key, so it was not revoked:"
                                + " without it the platform could not call the API. Create another key first.",
                                "role", "alert", "class", "error", "id", "last-key");
                        page.open("p").el("a", "Back to the API keys", "href", PATH).close("p");
                    }));
        }
    }

    private Optional<ApiKey> find(ConsoleGuard.Operator operator, String id) {
        return keys.list(operator.project().id()).stream().filter(k -> k.id().equals(id)).findFirst();
    }

    private static void notFound(Context ctx, ConsoleGuard.Operator operator) {
        ConsolePages.send(ctx, 404, ConsolePages.failure(operator, "API key not found",
                "This project has no such API key; it may have been revoked already."));
    }

    /** The prefix and an ellipsis, or the id for keys made before prefixes were kept. */
    private static String shown(ApiKey key) {
        return key.prefix().map(p -> p + "…").orElse(key.id());
    }
}
