package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.webhooks.WebhookEndpoint;
import org.connectorhub.hub.webhooks.WebhookEndpoints;
import org.connectorhub.hub.webhooks.WebhookEvents;

/**
 * The Webhooks page: the project's endpoints with their latest deliveries, Create (the signing
 * secret shown once, on the answer page), Delete (a confirmation naming the URL) and Redeliver for
 * a given-up delivery. The same {@link WebhookEndpoints} as {@code /v1/webhooks}.
 */
public final class ConsoleWebhooks implements RouteContributor {
    static final String PATH = "/console/webhooks";
    private static final int MAX_TEXT = 2048;
    private static final Map<String, String> NOTICES = Map.of(
            "deleted", "The webhook endpoint was deleted, with its pending deliveries and its log.",
            "redelivered", "The delivery is queued again: the hub sends it within moments.");

    private final ConsoleGuard guard;
    private final WebhookEndpoints endpoints;

    @Inject
    public ConsoleWebhooks(ConsoleGuard guard, WebhookEndpoints endpoints) {
        this.guard = requireNonNull(guard, "guard is null");
        this.endpoints = requireNonNull(endpoints, "endpoints is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.page(PATH, guard.page(this::list));
        routes.form(PATH, guard.form(this::create));
        routes.page(PATH + "/{id}/delete", guard.page(this::confirmDelete));
        routes.form(PATH + "/{id}/delete", guard.form(this::delete));
        routes.form(PATH + "/{id}/deliveries/{event_id}/redeliver", guard.form(this::redeliver));
    }

    private void list(Context ctx, ConsoleGuard.Operator operator) {
        String projectId = operator.project().id();
        List<WebhookEndpoint> all = endpoints.list(projectId);
        String html = ConsolePages.frame(operator, "Webhooks", PATH, page -> {
            String done = ctx.queryParam("done");
            if (done != null && NOTICES.containsKey(done)) {
                page.el("p", NOTICES.get(done), "role", "status", "class", "notice");
            }
            createForm(page, operator);
            page.el("h2", "Endpoints");
            if (all.isEmpty()) {
                page.el("p", "No webhook endpoints yet.", "class", "empty");
            }
            for (WebhookEndpoint endpoint : all) {
                String base = PATH + "/" + endpoint.id();
                page.open("section", "class", "endpoint", "data-endpoint-id", endpoint.id(),
                                "aria-label", "Endpoint " + endpoint.url())
                        .el("h3", endpoint.url())
                        .el("p", endpoint.id() + " · events: " + (endpoint.events().isEmpty() ? "all"
                                : String.join(", ", endpoint.events())) + endpoint.description().map(d -> " · " + d).orElse(""),
                                "class", "muted");
                page.open("p").el("a", "Delete", "href", base + "/delete", "class", "button danger",
                        "aria-label", "Delete the endpoint " + endpoint.url()).close("p");
                List<String> failed = endpoints.failed(projectId, endpoint.id(), 20);
                if (!failed.isEmpty()) {
                    page.el("h4", "Failed deliveries");
                    page.open("ul", "class", "failed-deliveries");
                    for (String eventId : failed) {
                        page.open("li", "data-event-id", eventId).el("code", eventId).text(" ");
                        page.open("form", "method", "post", "action", base + "/deliveries/" + eventId + "/redeliver",
                                        "class", "inline").csrf(operator.csrf())
                                .el("button", "Redeliver", "type", "submit", "aria-label", "Redeliver event " + eventId)
                                .close("form").close("li");
                    }
                    page.close("ul");
                }
                ConsoleTools.attemptsTable(page, endpoints.attempts(projectId, endpoint.id(), 20),
                        "Latest deliveries to " + endpoint.url());
                page.close("section");
            }
        });
        ConsolePages.send(ctx, 200, html);
    }

    private static void createForm(Html page, ConsoleGuard.Operator operator) {
        page.open("details", "class", "create").open("summary").text("Add an endpoint").close("summary");
        page.open("form", "method", "post", "action", PATH, "id", "create-webhook").csrf(operator.csrf());
        page.open("div", "class", "field").el("label", "URL (https, reachable from the hub)", "for", "wh-url")
                .open("input", "id", "wh-url", "name", "url", "type", "url", "required", "", "maxlength", "2048",
                        "placeholder", "https://platform.example.com/hooks")
                .close("div");
        page.open("div", "class", "field").el("label", "Description (optional)", "for", "wh-description")
                .open("input", "id", "wh-description", "name", "description", "type", "text", "maxlength", "500")
                .close("div");
        page.open("fieldset").el("legend", "Event types (none checked: every type)");
        for (String type : WebhookEvents.ALL) {
            String id = "wh-event-" + type.replace('.', '-').replace('_', '-');
            page.open("div", "class", "check").open("input", "type", "checkbox", "id", id, "name", "events", "value", type)
                    .el("label", type, "for", id).close("div");
        }
        page.close("fieldset");
        page.el("button", "Add endpoint", "type", "submit", "class", "primary", "id", "create-endpoint");
        page.close("form").close("details");
    }

    private void create(Context ctx, ConsoleGuard.Operator operator) {
        String url = text(ctx, "url").orElse("");
        Optional<String> description = text(ctx, "description");
        List<String> events = ctx.formParams("events").stream().filter(e -> e.length() <= 100).distinct().toList();
        WebhookEndpoints.Created created = endpoints.create(operator.project().id(), url, description, events, Map.of());
        // the only page that ever holds the secret (no-store, like every console page)
        ConsolePages.send(ctx, 201, ConsolePages.frame(operator, "Webhook endpoint created", PATH, page -> {
            page.el("p", "Deliveries to " + created.endpoint().url() + " are signed with this secret. Copy it now: it is"
                    + " shown this once.", "role", "status", "class", "notice");
            page.open("div", "class", "field").el("label", "Signing secret", "for", "new-webhook-secret")
                    .open("input", "id", "new-webhook-secret", "type", "text", "readonly", "", "value", created.secret())
                    .close("div");
            page.el("button", "Copy secret", "type", "button", "class", "copy primary", "data-copy", "#new-webhook-secret");
            page.open("p").el("a", "Back to the webhooks", "href", PATH).close("p");
        }));
    }

    private void confirmDelete(Context ctx, ConsoleGuard.Operator operator) {
        WebhookEndpoint endpoint = endpoints.get(operator.project().id(), ctx.pathParam("id"));
        String html = ConsolePages.frame(operator, "Delete the endpoint " + endpoint.url() + "?", PATH, page -> {
            page.el("p", "Deleting " + endpoint.url() + " (" + endpoint.id() + ") drops its pending deliveries and its"
                    + " delivery log. It cannot be undone.");
            page.open("div", "class", "buttons");
            page.open("form", "method", "post", "action", PATH + "/" + endpoint.id() + "/delete", "class", "inline")
                    .csrf(operator.csrf()).el("button", "Delete " + endpoint.url(), "type", "submit", "class", "danger",
                            "id", "confirm-delete").close("form");
            page.el("a", "Cancel", "href", PATH, "class", "button secondary");
            page.close("div");
        });
        ConsolePages.send(ctx, 200, html);
    }

    private void delete(Context ctx, ConsoleGuard.Operator operator) {
        endpoints.delete(operator.project().id(), ctx.pathParam("id"));
        ctx.redirect(PATH + "?done=deleted", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void redeliver(Context ctx, ConsoleGuard.Operator operator) {
        endpoints.redeliver(operator.project().id(), ctx.pathParam("id"), ctx.pathParam("event_id"));
        ctx.redirect(PATH + "?done=redelivered", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static Optional<String> text(Context ctx, String name) {
        return ConsoleRoutes.nonBlank(ctx.formParam(name)).filter(v -> v.length() <= MAX_TEXT);
    }
}
