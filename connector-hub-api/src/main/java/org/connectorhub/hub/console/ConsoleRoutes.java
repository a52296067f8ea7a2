package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.StatusReason;
import org.connectorhub.core.port.in.ManageAccountsUseCase;
import org.connectorhub.core.port.in.SuspendAccountUseCase;
import org.connectorhub.core.port.in.VerifyAccountUseCase;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.hub.activity.ActivityQuery;
import org.connectorhub.hub.activity.ActivityStore;
import org.connectorhub.hub.audit.AuditEntry;
import org.connectorhub.hub.audit.AuditQuery;
import org.connectorhub.hub.audit.AuditStore;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.projects.Authentication;
import org.connectorhub.hub.projects.Project;
import org.connectorhub.hub.sessions.ConnectSessions;
import org.connectorhub.hub.sessions.CreatedSession;
import org.connectorhub.hub.sessions.NewSession;
import org.connectorhub.hub.webhooks.DeliveryAttempt;
import org.connectorhub.hub.webhooks.WebhookStore;

/**
 * The operator console's sign-in and its accounts: {@code /} sends browsers here, one-time sign-in
 * links open a session, the Accounts page (filters, keyset paging, a menu per row) and each
 * account's page, with Re-verify, Suspend, Resume, Edit and Unlink as forms.
 */
public final class ConsoleRoutes implements RouteContributor {
    static final String CSRF_FIELD = "csrf";
    private static final int PAGE_SIZE = 50;

    private final ConsoleGuard guard;
    private final ConsoleSignIn signIn;
    private final AccountTable table;
    private final ManageAccountsUseCase accounts;
    private final SuspendAccountUseCase suspensions;
    private final VerifyAccountUseCase verifier;
    private final ConnectorRegistry connectors;
    private final ConnectSessions sessions;
    private final ActivityStore activity;
    private final AuditStore audit;
    private final WebhookStore webhooks;
    private final Authentication auth;
    private final ObjectMapper mapper;
    private final ConsoleAssets assets = new ConsoleAssets();

    @Inject
    public ConsoleRoutes(ConsoleGuard guard, ConsoleSignIn signIn, AccountTable table, ManageAccountsUseCase accounts,
            SuspendAccountUseCase suspensions, VerifyAccountUseCase verifier, ConnectorRegistry connectors,
            ConnectSessions sessions, ActivityStore activity, AuditStore audit, WebhookStore webhooks, Authentication auth, ObjectMapper mapper) {
        this.guard = requireNonNull(guard, "guard is null");
        this.signIn = requireNonNull(signIn, "signIn is null");
        this.table = requireNonNull(table, "table is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.suspensions = requireNonNull(suspensions, "suspensions is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.activity = requireNonNull(activity, "activity is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.webhooks = requireNonNull(webhooks, "webhooks is null");
        this.auth = requireNonNull(auth, "auth is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.page("/", this::root);
        routes.page(ConsoleSignIn.SIGN_IN_PATH, this::signIn);
        routes.page("/console/assets/{file}", this::asset);
        routes.page("/console", guard.page(this::accountsPage));
        routes.page("/console/accounts/{id}", guard.page(this::accountPage));
        routes.page("/console/accounts/{id}/unlink", guard.page(this::confirmUnlink));
        routes.form("/console/sign-out", guard.form(this::signOut));
        routes.form("/console/accounts/{id}/verify", guard.form(this::verify));
        routes.form("/console/accounts/{id}/suspend", guard.form(this::suspend));
        routes.form("/console/accounts/{id}/resume", guard.form(this::resume));
        routes.form("/console/accounts/{id}/unlink", guard.form(this::unlink));
        routes.form("/console/accounts/{id}/edit", guard.form(this::edit));
        routes.post("/v1/console/sign_in_links", auth.platform(this::createSignInLink));
    }

    /** Browsers asking for the root get the console; API clients keep the JSON 404. */
    private void root(Context ctx) {
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
        if (accept.contains("text/html")) {
            ctx.redirect("/console", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        throw new io.javalin.http.NotFoundResponse();
    }

    private void signIn(Context ctx) {
        ConsoleSignIn.SignedIn result = signIn.signIn(ctx.queryParam("token"));
        switch (result.state()) {
            case SIGNED_IN -> {
                guard.setCookie(ctx, result.sessionToken().orElseThrow());
                // a 303 at once: the token leaves the address bar and the history
                ctx.header("Cache-Control", "no-store");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.redirect("/console", io.javalin.http.HttpStatus.SEE_OTHER);
            }
            case USED -> ConsolePages.send(ctx, 410, ConsolePages.signedOut("This sign-in link was already used",
                    "A sign-in link works once, and this one has been used.", nextLink()));
            case EXPIRED -> ConsolePages.send(ctx, 410, ConsolePages.signedOut("This sign-in link has expired",
                    "A sign-in link works for 10 minutes after it is printed.", nextLink()));
            case UNKNOWN -> ConsolePages.send(ctx, 400, ConsolePages.signedOut("This sign-in link is not valid",
                    "The hub does not know this link; check that it was copied whole.", nextLink()));
        }
    }

    private static String nextLink() {
        return "Ask for a new one: run bin/hub console link on the hub's machine.";
    }

    private void signOut(Context ctx, ConsoleGuard.Operator operator) {
        signIn.signOut(operator.session());
        guard.clearCookie(ctx);
        ConsolePages.send(ctx, 200, ConsolePages.signedOut("Signed out", "Your console session has ended.",
                "Open a new sign-in link to come back."));
    }

    private void asset(Context ctx) {
        Optional<ConsoleAssets.Asset> asset = assets.asset(ctx.pathParam("file"));
        ctx.header("X-Content-Type-Options", "nosniff");
        if (asset.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found");
            return;
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.status(200).contentType(asset.get().contentType()).result(asset.get().bytes());
    }

    private void createSignInLink(Context ctx, Project project) {
        ConsoleSignIn.SignInLink link = signIn.issue(project.id());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", link.url());
        json.put("expires_at", link.expiresAt().toString());
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, mapper, 201, json);
    }

    // ---- the Accounts page ----------------------------------------------------------------

    private void accountsPage(Context ctx, ConsoleGuard.Operator operator) {
        Optional<AccountStatus> status = choice(ctx.queryParam("status"), AccountStatus.values()).map(AccountStatus.class::cast);
        Optional<Mode> mode = choice(ctx.queryParam("type"), Mode.values()).map(Mode.class::cast);
        Optional<String> provider = nonBlank(ctx.queryParam("connector"))
                .filter(p -> connectors.find(p).isPresent());
        Optional<String> owner = nonBlank(ctx.queryParam("owner")).map(o -> o.length() > 255 ? o.substring(0, 255) : o);
        Optional<String> after = nonBlank(ctx.queryParam("after")).filter(a -> a.length() <= 64);
        List<AccountTable.Row> rows = table.list(new AccountTable.Filter(operator.project().id(), status, provider, mode,
                owner, after, PAGE_SIZE));
        boolean more = rows.size() > PAGE_SIZE;
        List<AccountTable.Row> shown = more ? rows.subList(0, PAGE_SIZE) : rows;
        String html = ConsolePages.frame(operator, "Accounts", "/console", page -> {
            notice(page, ctx.queryParam("done"));
            page.open("p").el("a", "Link account", "href", "/console/link", "class", "button primary").close("p");
            page.open("form", "method", "get", "action", "/console", "class", "filters", "role", "search",
                    "aria-label", "Filter accounts");
            select(page, "status", "Status", status.map(AccountStatus::wireName), "Any status",
                    List.of(AccountStatus.values()).stream().map(s -> new String[] {s.wireName(), ConsolePages.status(s)}).toList());
            select(page, "connector", "Connector", provider, "Any connector", connectors.all().stream()
                    .map(c -> new String[] {c.descriptor().provider(), c.descriptor().displayName()}).toList());
            select(page, "type", "Type", mode.map(Mode::wireName), "Any type", List.of(Mode.values()).stream()
                    .map(m -> new String[] {m.wireName(), ConsolePages.mode(m)}).toList());
            page.open("div", "class", "field").el("label", "Owner", "for", "filter-owner")
                    .open("input", "id", "filter-owner", "name", "owner", "type", "search", "value", owner.orElse(""),
                            "placeholder", "Owner id or name").close("div");
            page.el("button", "Apply filters", "type", "submit").close("form");
            if (shown.isEmpty()) {
                page.el("p", "No accounts match.", "class", "empty");
            } else {
                page.open("div", "class", "table-wrap", "tabindex", "0", "role", "region", "aria-label", "Scrollable table").open("table", "id", "accounts")
                        .el("caption", "Linked accounts" + (status.isPresent() || provider.isPresent() || mode.isPresent()
                                || owner.isPresent() ? " (filtered)" : ""))
                        .open("thead").open("tr");
                for (String column : List.of("Account", "Connector", "Type", "Status", "Owner", "Connected",
                        "Last verified", "Actions")) {
                    page.el("th", column, "scope", "col");
                }
                page.close("tr").close("thead").open("tbody");
                for (AccountTable.Row row : shown) {
                    accountRow(page, operator, row);
                }
                page.close("tbody").close("table").close("div");
            }
            if (more) {
                page.open("p").el("a", "Next page", "rel", "next", "href", "/console?" + query(status.map(AccountStatus::wireName),
                        provider, mode.map(Mode::wireName), owner) + "after=" + shown.get(shown.size() - 1).id()).close("p");
            }
        });
        ConsolePages.send(ctx, 200, html);
    }

    private void accountRow(Html page, ConsoleGuard.Operator operator, AccountTable.Row row) {
        String base = "/console/accounts/" + row.id();
        page.open("tr", "data-account-id", row.id())
                .open("th", "scope", "row").el("a", row.name(), "href", base).close("th")
                .el("td", connectors.find(row.provider()).map(c -> c.descriptor().displayName()).orElse(row.provider()))
                .el("td", ConsolePages.mode(row.mode()))
                .open("td").el("span", ConsolePages.status(row.status()), "class", "status status-" + row.status().wireName())
                .close("td")
                .open("td").text(row.ownerName().isBlank() ? row.ownerId() : row.ownerName()).open("br")
                .el("span", row.ownerId(), "class", "muted").close("td")
                .el("td", ConsolePages.date(row.createdAt()))
                .el("td", row.lastVerifiedAt().map(ConsolePages::date).orElse("never"))
                .open("td");
        page.open("details", "class", "menu").open("summary").text("Actions")
                .el("span", " for " + row.name(), "class", "visually-hidden").close("summary").open("ul", "class", "menu-items");
        page.open("li").el("a", "Request tester", "href", base + "/tester").close("li");
        page.open("li").el("a", "View logs", "href", "/console/logs?account_id=" + row.id()).close("li");
        page.open("li");
        formButton(page, operator, base + "/verify", "Re-verify");
        page.close("li").open("li");
        if (row.status() == AccountStatus.SUSPENDED) {
            formButton(page, operator, base + "/resume", "Resume");
        } else {
            formButton(page, operator, base + "/suspend", "Suspend");
        }
        page.close("li").open("li");
        formButton(page, operator, base + "/edit", "Edit");
        page.close("li");
        page.open("li").el("a", "Unlink", "href", base + "/unlink", "class", "danger").close("li");
        page.close("ul").close("details").close("td").close("tr");
    }

    static void formButton(Html page, ConsoleGuard.Operator operator, String action, String label) {
        page.open("form", "method", "post", "action", action, "class", "inline").csrf(operator.csrf())
                .el("button", label, "type", "submit").close("form");
    }

    private static void select(Html page, String name, String label, Optional<String> chosen, String any,
            List<String[]> options) {
        String id = "filter-" + name;
        page.open("div", "class", "field").el("label", label, "for", id).open("select", "id", id, "name", name)
                .el("option", any, "value", "");
        for (String[] option : options) {
            page.el("option", option[1], "value", option[0], "selected",
                    chosen.filter(option[0]::equals).isPresent() ? "" : null);
        }
        page.close("select").close("div");
    }

    private static String query(Optional<String> status, Optional<String> provider, Optional<String> mode,
            Optional<String> owner) {
        StringBuilder query = new StringBuilder();
        status.ifPresent(s -> query.append("status=").append(s).append('&'));
        provider.ifPresent(p -> query.append("connector=").append(encode(p)).append('&'));
        mode.ifPresent(m -> query.append("type=").append(m).append('&'));
        owner.ifPresent(o -> query.append("owner=").append(encode(o)).append('&'));
        return query.toString();
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final Map<String, String> NOTICES = Map.of(
            "verified", "The account was verified again.",
            "suspended", "The account is suspended: it runs no action until resumed.",
            "resumed", "The account was resumed.",
            "unlinked", "The account was unlinked.",
            "linked", "The account was linked.");

    static void notice(Html page, String done) {
        if (done != null && NOTICES.containsKey(done)) {
            page.el("p", NOTICES.get(done), "role", "status", "class", "notice");
        }
    }

    // ---- one account ----------------------------------------------------------------------

    private void accountPage(Context ctx, ConsoleGuard.Operator operator) {
        LinkedAccount account = accounts.get(operator.project().id(), ctx.pathParam("id"));
        String projectId = operator.project().id();
        List<ActivityEntry> recent = activity.list(ActivityQuery.ofAccount(projectId, account.id(), 20));
        List<DeliveryAttempt> deliveries = webhooks.attemptsOfAccount(projectId, account.id(), 20);
        List<AuditEntry> changes = audit.list(new AuditQuery(projectId, Optional.of(account.id()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 20));
        String name = account.label().filter(l -> !l.isBlank()).orElse(account.providerAccount().name());
        String base = "/console/accounts/" + account.id();
        String html = ConsolePages.frame(operator, name, "", page -> {
            notice(page, ctx.queryParam("done"));
            page.open("div", "class", "id-line").el("span", "Account id ").el("code", account.id(), "id", "account-id")
                    .el("button", "Copy id", "type", "button", "class", "copy secondary", "data-copy", "#account-id")
                    .close("div");
            page.open("dl", "class", "facts");
            fact(page, "Connector", connectors.find(account.provider()).map(c -> c.descriptor().displayName())
                    .orElse(account.provider()));
            fact(page, "Type", ConsolePages.mode(account.mode()));
            fact(page, "Status", ConsolePages.status(account.status()));
            fact(page, "Owner", account.originOwnerName() + " (" + account.originOwnerId() + ")");
            account.originUsername().ifPresent(u -> fact(page, "Owner's username", u));
            fact(page, "Provider account", account.providerAccount().name());
            fact(page, "Scopes", account.scopes().isEmpty() ? "none" : String.join(", ", account.scopes()));
            fact(page, "Connected", ConsolePages.time(account.createdAt()));
            fact(page, "Last verified", ConsolePages.time(account.lastVerifiedAt()));
            page.close("dl");
            page.open("div", "class", "buttons");
            page.el("a", "Request tester", "href", base + "/tester", "class", "button");
            page.el("a", "View logs", "href", "/console/logs?account_id=" + account.id(), "class", "button");
            formButton(page, operator, base + "/verify", "Re-verify");
            formButton(page, operator, base + (account.status() == AccountStatus.SUSPENDED ? "/resume" : "/suspend"),
                    account.status() == AccountStatus.SUSPENDED ? "Resume" : "Suspend");
            formButton(page, operator, base + "/edit", "Edit");
            page.el("a", "Unlink", "href", base + "/unlink", "class", "button danger");
            page.close("div");

            page.el("h2", "Warnings");
            List<String> warnings = warnings(account);
            if (warnings.isEmpty()) {
                page.el("p", "None.", "class", "muted");
            } else {
                page.open("ul", "class", "warnings");
                warnings.forEach(w -> page.el("li", w));
                page.close("ul");
            }
            page.el("h2", "Status history");
            if (account.statusReasons().isEmpty()) {
                page.el("p", "No status changes recorded.", "class", "muted");
            } else {
                page.open("ul");
                for (StatusReason reason : account.statusReasons()) {
                    page.open("li").el("strong", reason.code()).text(": " + reason.description() + " (" + ConsolePages.time(reason.at())
                            + reason.by().map(by -> ", by " + by).orElse("") + ")").close("li");
                }
                page.close("ul");
            }
            page.el("h2", "Metadata");
            if (account.metadata().isEmpty()) {
                page.el("p", "No metadata.", "class", "muted");
            } else {
                page.open("dl", "class", "facts");
                account.metadata().forEach((key, value) -> fact(page, key, value));
                page.close("dl");
            }
            page.el("h2", "Recent activity");
            ConsoleTools.activityTable(page, recent.size() > 20 ? recent.subList(0, 20) : recent, "Recent activity of this account");
            page.el("h2", "Webhook deliveries");
            ConsoleTools.attemptsTable(page, deliveries, "Webhook deliveries about this account");
            page.el("h2", "Audit entries");
            ConsoleTools.auditTable(page, changes.size() > 20 ? changes.subList(0, 20) : changes, "Changes to this account");
        });
        ConsolePages.send(ctx, 200, html);
    }

    private static List<String> warnings(LinkedAccount account) {
        List<String> warnings = new java.util.ArrayList<>();
        if (account.mode() == Mode.TEST) {
            warnings.add("Test account: the provider accepts its requests and never delivers them.");
        }
        if (account.status() != AccountStatus.ACTIVE) {
            warnings.add("This account is " + ConsolePages.status(account.status()).toLowerCase(java.util.Locale.ROOT)
                    + ": its actions are refused.");
        }
        return warnings;
    }

    private static void fact(Html page, String term, String value) {
        page.el("dt", term).el("dd", value);
    }

    private void confirmUnlink(Context ctx, ConsoleGuard.Operator operator) {
        LinkedAccount account = accounts.get(operator.project().id(), ctx.pathParam("id"));
        String name = account.label().filter(l -> !l.isBlank()).orElse(account.providerAccount().name());
        String html = ConsolePages.frame(operator, "Unlink " + name + "?", "", page -> {
            page.el("p", "Unlinking removes the account " + name + " (" + account.id() + ") of "
                    + account.originOwnerName() + " and its sealed credentials. It cannot be undone.");
            page.open("div", "class", "buttons");
            page.open("form", "method", "post", "action", "/console/accounts/" + account.id() + "/unlink", "class", "inline")
                    .csrf(operator.csrf()).el("button", "Unlink " + name, "type", "submit", "class", "danger", "id", "confirm-unlink")
                    .close("form");
            page.el("a", "Cancel", "href", "/console/accounts/" + account.id(), "class", "button secondary");
            page.close("div");
        });
        ConsolePages.send(ctx, 200, html);
    }

    private void verify(Context ctx, ConsoleGuard.Operator operator) {
        verifier.reverify(operator.project().id(), ctx.pathParam("id"));
        back(ctx, "verified");
    }

    private void suspend(Context ctx, ConsoleGuard.Operator operator) {
        suspensions.suspend(operator.project().id(), ctx.pathParam("id"), operator.caller(),
                Optional.of("Suspended from the console"));
        back(ctx, "suspended");
    }

    private void resume(Context ctx, ConsoleGuard.Operator operator) {
        suspensions.resume(operator.project().id(), ctx.pathParam("id"), operator.caller());
        back(ctx, "resumed");
    }

    private void unlink(Context ctx, ConsoleGuard.Operator operator) {
        accounts.delete(operator.project().id(), ctx.pathParam("id"));
        ctx.redirect("/console?done=unlinked", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Edit re-links: the Hub page in re-link mode for this account (non-secret values filled, tokens empty). */
    private void edit(Context ctx, ConsoleGuard.Operator operator) {
        LinkedAccount account = accounts.get(operator.project().id(), ctx.pathParam("id"));
        CreatedSession created = sessions.create(operator.project().id(), new NewSession(account.originOwnerId(),
                account.originOwnerName(), account.originUsername(), Optional.of(account.provider()),
                Optional.of(account.id()), Duration.ofMinutes(30), Map.of()));
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.redirect("/hub?token=" + created.token(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static void back(Context ctx, String done) {
        ctx.redirect("/console/accounts/" + ctx.pathParam("id") + "?done=" + done, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Optional<Enum<?>> choice(String value, Enum<?>[] values) {
        if (value == null) {
            return Optional.empty();
        }
        for (Enum<?> candidate : values) {
            if (candidate.name().equalsIgnoreCase(value)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
