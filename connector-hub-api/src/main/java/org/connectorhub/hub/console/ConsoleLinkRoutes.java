package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.hub.http.PublicUrl;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.sessions.ConnectSessions;
import org.connectorhub.hub.sessions.CreatedSession;
import org.connectorhub.hub.sessions.NewSession;

/**
 * Link account, the three ways: an auth link to send to a customer (a connect session that may live
 * up to 30 days), the Hub form inside the console (a session posted into a frame, so its token is
 * never in the console's HTML), and the embed.js snippet for the platform's own pages.
 */
public final class ConsoleLinkRoutes implements RouteContributor {
    private static final int MAX_TEXT = 255;

    private final ConsoleGuard guard;
    private final ConnectSessions sessions;
    private final ConnectorRegistry connectors;
    private final PublicUrl publicUrl;

    @Inject
    public ConsoleLinkRoutes(ConsoleGuard guard, ConnectSessions sessions, ConnectorRegistry connectors,
            PublicUrl publicUrl) {
        this.guard = requireNonNull(guard, "guard is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.page("/console/link", guard.page(this::linkPage));
        routes.form("/console/link/auth-link", guard.form(this::authLink));
        routes.form("/console/link/now", guard.form(this::authenticateNow));
    }

    private void linkPage(Context ctx, ConsoleGuard.Operator operator) {
        ConsolePages.send(ctx, 200, ConsolePages.frame(operator, "Link account", "/console/link", page -> {
            page.el("p", "Three ways to link an end user's account: send them a link, link it here yourself, or put the "
                    + "Hub in your own app.");
            page.open("nav", "aria-label", "Ways to link", "class", "ways").open("ul")
                    .open("li").el("a", "Request authentication", "href", "#request").close("li")
                    .open("li").el("a", "Authenticate now", "href", "#now").close("li")
                    .open("li").el("a", "Embedded Hub", "href", "#embedded").close("li")
                    .close("ul").close("nav");

            page.open("section", "id", "request", "aria-labelledby", "request-title", "class", "way")
                    .el("h2", "Request authentication", "id", "request-title")
                    .el("p", "Creates an auth link for one of your customers; they open it and link their account on the Hub page.");
            page.open("form", "method", "post", "action", "/console/link/auth-link", "id", "auth-link-form").csrf(operator.csrf());
            ownerFields(page, "req");
            page.open("div", "class", "field").el("label", "Owner's username (optional)", "for", "req-username")
                    .open("input", "id", "req-username", "name", "origin_username", "maxlength", "255").close("div");
            connectorField(page, "req");
            page.open("div", "class", "field").el("label", "Valid for (days, 1 to 30)", "for", "req-days")
                    .open("input", "id", "req-days", "name", "days", "type", "number", "min", "1", "max", "30", "value", "7",
                            "required", "").close("div");
            page.el("button", "Create auth link", "type", "submit", "class", "primary").close("form").close("section");

            page.open("section", "id", "now", "aria-labelledby", "now-title", "class", "way")
                    .el("h2", "Authenticate now", "id", "now-title")
                    .el("p", "Link an account yourself for the owner you name: the Hub form opens below.");
            page.open("form", "method", "post", "action", "/console/link/now", "target", "hub-frame", "id", "now-form")
                    .csrf(operator.csrf());
            ownerFields(page, "now");
            connectorField(page, "now");
            page.el("button", "Open the Hub form", "type", "submit", "class", "primary").close("form");
            page.open("iframe", "name", "hub-frame", "id", "hub-frame", "title", "Hub form", "class", "hub-frame",
                    "src", "about:blank").close("iframe");
            page.close("section");

            page.open("section", "id", "embedded", "aria-labelledby", "embedded-title", "class", "way")
                    .el("h2", "Embedded Hub", "id", "embedded-title")
                    .el("p", "Put the Hub in your own app: your backend creates a connect session with the project API key, "
                            + "your page opens its hub_url with embed.js.");
            List<String> origins = operator.project().allowedOrigins();
            page.el("p", origins.isEmpty() ? "No origins are allowed to embed the Hub yet: set them with "
                    + "bin/hub projects origins " + operator.project().id() + " https://app.example.com."
                    : "Origins allowed to embed the Hub: " + String.join(", ", origins) + ".");
            page.el("h3", "1. Your backend");
            page.el("pre", "curl -s -H \"Authorization: Bearer $HUB_API_KEY\" -H \"Content-Type: application/json\" \\\n"
                    + "  " + publicUrl.base() + "/v1/connect_sessions \\\n"
                    + "  -d '{\"origin_owner_id\":\"u1\",\"origin_owner_name\":\"Ada Lovelace\",\"provider\":\"postmark\"}'\n"
                    + "# -> 201 {\"hub_url\":\"" + publicUrl.base() + "/hub?token=...\", ...}", "tabindex", "0", "id", "backend-snippet");
            page.el("h3", "2. Your page" + (origins.isEmpty() ? "" : " (on " + origins.get(0) + ")"));
            page.el("pre", "<script src=\"" + publicUrl.base() + "/hub/embed.js\"></script>\n"
                    + "<button id=\"connect\">Connect Postmark</button>\n"
                    + "<script>\n"
                    + "  document.getElementById('connect').onclick = async () => {\n"
                    + "    const { hub_url } = await (await fetch('/api/connect-session', { method: 'POST' })).json();\n"
                    + "    ConnectorHub.open({ hubUrl: hub_url, mode: 'popup',\n"
                    + "      onSuccess: account => console.log('linked', account.id) });\n"
                    + "  };\n"
                    + "</script>", "tabindex", "0", "id", "embed-snippet");
            page.el("button", "Copy snippet", "type", "button", "class", "copy secondary", "data-copy", "#embed-snippet");
            page.close("section");
        }));
    }

    private void authLink(Context ctx, ConsoleGuard.Operator operator) {
        Optional<NewSession> request = request(ctx, true);
        if (request.isEmpty()) {
            invalid(ctx, operator);
            return;
        }
        CreatedSession created = sessions.create(operator.project().id(), request.get());
        String url = publicUrl.base() + "/hub?token=" + created.token();
        ConsolePages.send(ctx, 201, ConsolePages.frame(operator, "Auth link created", "/console/link", page -> {
            page.el("p", "Send this link to " + created.session().originOwnerName() + ". It works once, until "
                    + ConsolePages.time(created.session().expiresAt()) + ".", "role", "status", "class", "notice");
            page.open("div", "class", "field").el("label", "Auth link", "for", "auth-link-url")
                    .open("input", "id", "auth-link-url", "type", "text", "readonly", "", "value", url).close("div");
            page.el("button", "Copy link", "type", "button", "class", "copy primary", "data-copy", "#auth-link-url");
            page.open("p").el("a", "Back to Link account", "href", "/console/link").close("p");
        }));
    }

    /** Answers inside the frame: a 303 to the Hub page for a fresh 30-minute session of the owner given. */
    private void authenticateNow(Context ctx, ConsoleGuard.Operator operator) {
        Optional<NewSession> request = request(ctx, false);
        if (request.isEmpty()) {
            invalid(ctx, operator);
            return;
        }
        CreatedSession created = sessions.create(operator.project().id(), request.get());
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.redirect("/hub?token=" + created.token(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private Optional<NewSession> request(Context ctx, boolean authLink) {
        Optional<String> ownerId = text(ctx, "origin_owner_id");
        Optional<String> ownerName = text(ctx, "origin_owner_name");
        Optional<String> provider = text(ctx, "provider").filter(p -> connectors.find(p).isPresent());
        if (ownerId.isEmpty() || ownerName.isEmpty() || provider.isEmpty()) {
            return Optional.empty();
        }
        Duration life = Duration.ofMinutes(30);
        if (authLink) {
            int days;
            try {
                days = Integer.parseInt(Optional.ofNullable(ctx.formParam("days")).orElse("7").strip());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (days < 1 || days > 30) {
                return Optional.empty();
            }
            life = Duration.ofDays(days);
        }
        return Optional.of(new NewSession(ownerId.get(), ownerName.get(), text(ctx, "origin_username"), provider,
                Optional.empty(), life, Map.of(), authLink));
    }

    private static Optional<String> text(Context ctx, String name) {
        return ConsoleRoutes.nonBlank(ctx.formParam(name)).filter(v -> v.length() <= MAX_TEXT);
    }

    private static void invalid(Context ctx, ConsoleGuard.Operator operator) {
        ConsolePages.send(ctx, 422, ConsolePages.failure(operator, "Check the form",
                "Owner id, owner name and connector are required (at most 255 characters each), and the validity is 1 to 30 days. "
                        + "Nothing was created."));
    }

    private static void ownerFields(Html page, String prefix) {
        page.open("div", "class", "field").el("label", "Owner id", "for", prefix + "-owner-id")
                .open("input", "id", prefix + "-owner-id", "name", "origin_owner_id", "required", "", "maxlength", "255")
                .close("div");
        page.open("div", "class", "field").el("label", "Owner name", "for", prefix + "-owner-name")
                .open("input", "id", prefix + "-owner-name", "name", "origin_owner_name", "required", "", "maxlength", "255")
                .close("div");
    }

    private void connectorField(Html page, String prefix) {
        page.open("div", "class", "field").el("label", "Connector", "for", prefix + "-provider")
                .open("select", "id", prefix + "-provider", "name", "provider", "required", "");
        connectors.all().forEach(c -> page.el("option", c.descriptor().displayName(), "value", c.descriptor().provider()));
        page.close("select").close("div");
    }
}
