package org.connectorhub.hub.console;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.Mode;

/** The console's page frame and the pages shared by every part of it. */
final class ConsolePages {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ConsolePages() {
    }

    static void send(Context ctx, int status, String html) {
        ctx.header("Content-Security-Policy", ConsoleGuard.CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: with no-referrer Chrome sends "Origin: null" on our own form posts
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    /** A whole page for a signed-in operator: the navigation, sign-out, then {@code body}. */
    static String frame(ConsoleGuard.Operator operator, String title, String current, Consumer<Html> body) {
        Html html = head(title);
        html.open("body").el("a", "Skip to content", "class", "skip", "href", "#main");
        html.open("header", "class", "top").open("div", "class", "brand").el("span", "Connector Hub")
                .el("span", operator.project().name() + " (" + operator.project().id() + ")", "class", "project")
                .close("div");
        html.open("nav", "aria-label", "Console").open("ul");
        navItem(html, "/console", "Accounts", current);
        navItem(html, "/console/link", "Link account", current);
        navItem(html, "/console/logs", "Logs", current);
        navItem(html, "/console/audit", "Audit", current);
        navItem(html, "/console/webhooks", "Webhooks", current);
        navItem(html, "/console/api_keys", "API keys", current);
        html.close("ul").close("nav");
        html.open("form", "method", "post", "action", "/console/sign-out", "class", "sign-out").csrf(operator.csrf())
                .el("button", "Sign out", "type", "submit", "class", "secondary").close("form");
        html.close("header");
        html.open("main", "id", "main", "tabindex", "-1").el("h1", title);
        body.accept(html);
        html.close("main").close("body").close("html");
        return html.toString();
    }

    private static void navItem(Html html, String href, String label, String current) {
        html.open("li").el("a", label, "href", href, "aria-current", href.equals(current) ? "page" : null).close("li");
    }

    /** A page without the navigation (sign-in problems, refused requests). */
    static String signedOut(String title, String message, String next) {
        Html html = head(title);
        html.open("body").open("main", "id", "main", "class", "narrow").el("h1", title).el("p", message)
                .el("p", next).close("main").close("body").close("html");
        return html.toString();
    }

    static String failure(ConsoleGuard.Operator operator, String title, String detail) {
        return frame(operator, title, "", html -> html.el("p", detail, "role", "alert", "class", "error")
                .open("p").el("a", "Back to the accounts", "href", "/console").close("p"));
    }

    private static Html head(String title) {
        Html html = new Html();
        html.open("!DOCTYPE html").open("html", "lang", "en").open("head").open("meta", "charset", "utf-8")
                .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .el("title", title + " · Connector Hub console")
                .open("link", "rel", "stylesheet", "href", "/console/assets/console.css")
                .open("script", "src", "/console/assets/console.js", "defer", "").close("script")
                .close("head");
        return html;
    }

    static String date(Instant at) {
        return DATE.format(at);
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    static String time(Optional<Instant> at) {
        return at.map(ConsolePages::time).orElse("never");
    }

    static String status(AccountStatus status) {
        return switch (status) {
            case ACTIVE -> "Active";
            case SUSPENDED -> "Suspended";
            case INVALID -> "Invalid";
            case ERROR -> "Error";
        };
    }

    static String mode(Mode mode) {
        return mode == Mode.PRODUCTION ? "Production" : "Test";
    }
}
