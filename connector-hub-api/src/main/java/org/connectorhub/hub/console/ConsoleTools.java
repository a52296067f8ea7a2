package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.port.in.ManageAccountsUseCase;
import org.connectorhub.core.port.in.RunActionCommand;
import org.connectorhub.core.port.in.RunActionUseCase;
import org.connectorhub.core.port.out.ActivityRecorder;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.hub.activity.ActivityQuery;
import org.connectorhub.hub.activity.ActivityStore;
import org.connectorhub.hub.audit.AuditEntry;
import org.connectorhub.hub.audit.AuditQuery;
import org.connectorhub.hub.audit.AuditStore;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.ProblemMapper;
import org.connectorhub.hub.http.QueryParams;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.webhooks.DeliveryAttempt;

/**
 * The console's tools: the request tester (a form built from the action's input JSON Schema by
 * {@code console.js}, with the raw JSON as the no-script alternative), and the Logs and Audit
 * pages, read from those slices' stores (Webhooks: {@link ConsoleWebhooks}).
 */
public final class ConsoleTools implements RouteContributor {
    private static final int PAGE_SIZE = 50;

    private final ConsoleGuard guard;
    private final ManageAccountsUseCase accounts;
    private final ConnectorRegistry connectors;
    private final RunActionUseCase actions;
    private final ActivityRecorder recorder;
    private final ActivityStore activity;
    private final AuditStore audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    @Inject
    public ConsoleTools(ConsoleGuard guard, ManageAccountsUseCase accounts, ConnectorRegistry connectors,
            RunActionUseCase actions, ActivityRecorder recorder, ActivityStore activity, AuditStore audit,
            ObjectMapper mapper, Clock clock) {
        this.guard = requireNonNull(guard, "guard is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.actions = requireNonNull(actions, "actions is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.activity = requireNonNull(activity, "activity is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.mapper = requireNonNull(mapper, "mapper is null").copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.page("/console/accounts/{id}/tester", guard.page(this::tester));
        routes.form("/console/accounts/{id}/tester", guard.form(this::runTest));
        routes.page("/console/logs", guard.page(this::logs));
        routes.page("/console/audit", guard.page(this::auditPage));
    }

    // ---- request tester ---------------------------------------------------------------------

    private void tester(Context ctx, ConsoleGuard.Operator operator) throws JsonProcessingException {
        LinkedAccount account = accounts.get(operator.project().id(), ctx.pathParam("id"));
        List<ActionDescriptor> offered = actionsOf(account);
        Optional<ActionDescriptor> chosen = ConsoleRoutes.nonBlank(ctx.queryParam("action"))
                .flatMap(name -> offered.stream().filter(a -> a.name().equals(name)).findFirst());
        String html = ConsolePages.frame(operator, "Request tester", "", page -> {
            accountLine(page, account);
            chooser(page, account, offered, chosen);
            chosen.ifPresent(action -> testForm(page, operator, account, action, "{}", false));
        });
        ConsolePages.send(ctx, 200, html);
    }

    private void runTest(Context ctx, ConsoleGuard.Operator operator) throws JsonProcessingException {
        LinkedAccount account = accounts.get(operator.project().id(), ctx.pathParam("id"));
        List<ActionDescriptor> offered = actionsOf(account);
        String actionName = Optional.ofNullable(ctx.formParam("action")).orElse("");
        ActionDescriptor action = offered.stream().filter(a -> a.name().equals(actionName)).findFirst().orElse(null);
        String raw = Optional.ofNullable(ctx.formParam("input")).orElse("{}");
        if (action == null) {
            ConsolePages.send(ctx, 422, ConsolePages.failure(operator, "Unknown action",
                    "Choose one of the account's actions."));
            return;
        }
        Map<String, Object> input;
        try {
            input = new ObjectMapper().readValue(raw, mapType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String html = ConsolePages.frame(operator, "Request tester", "", page -> {
                accountLine(page, account);
                page.el("p", "The input is not a JSON object; nothing was sent.", "role", "alert", "class", "error");
                testForm(page, operator, account, action, raw, false);
            });
            ConsolePages.send(ctx, 422, html);
            return;
        }
        boolean confirmed = "yes".equals(ctx.formParam("confirmed"));
        if (sends(account, action) && !confirmed) {
            String html = ConsolePages.frame(operator, "Confirm: this sends for real", "", page -> {
                accountLine(page, account);
                page.el("p", "This sends a real email through the production account " + name(account)
                        + ". Run " + action.name() + " anyway?", "role", "alert", "class", "warning", "id", "confirm-send");
                testForm(page, operator, account, action, raw, true);
            });
            ConsolePages.send(ctx, 200, html);
            return;
        }
        Instant at = clock.instant();
        long started = System.nanoTime();
        int status;
        Object answer;
        Optional<String> code = Optional.empty();
        Map<String, String> providerIds = new LinkedHashMap<>();
        try {
            Object output = actions.run(new RunActionCommand(operator.project().id(), account.id(), action.name(), input,
                    Optional.empty()));
            status = 200;
            answer = Map.of("data", output == null ? Map.of() : output);
            if (output instanceof Map<?, ?> map) {
                map.forEach((key, value) -> {
                    String name = String.valueOf(key);
                    if ((value instanceof String || value instanceof Number) && (name.endsWith("_id") || name.equals("error_code"))) {
                        providerIds.put(name, String.valueOf(value));
                    }
                });
            }
        } catch (ConnectorHubException e) {
            Problem problem = ProblemMapper.toProblem(e);
            status = problem.status();
            code = Optional.of(problem.code());
            answer = problem.body();
        }
        long micros = (System.nanoTime() - started) / 1000;
        String logId = ActivityEntry.newId(at);
        try {
            recorder.record(new ActivityEntry(logId, at, operator.project().id(), account.id(), account.provider(), "action",
                    action.name(), operator.caller(), status, code, micros, providerIds, Optional.empty(), false,
                    Optional.empty(), Optional.empty()));
        } catch (RuntimeException e) {
            // the log never fails an action
        }
        int shownStatus = status;
        String pretty = mapper.writeValueAsString(answer);
        String html = ConsolePages.frame(operator, "Request tester", "", page -> {
            accountLine(page, account);
            page.open("section", "id", "result", "aria-labelledby", "result-title", "class", shownStatus < 400 ? "ok" : "failed")
                    .el("h2", "Result", "id", "result-title")
                    .open("dl", "class", "facts")
                    .el("dt", "Status").el("dd", shownStatus + (shownStatus < 400 ? " OK" : " failed"), "id", "result-status")
                    .el("dt", "Duration").el("dd", String.format(java.util.Locale.ROOT, "%.1f ms", micros / 1000.0), "id", "result-duration")
                    .el("dt", "Log entry").open("dd").el("a", logId, "href", "/console/logs?account_id=" + account.id(),
                            "id", "result-log").close("dd")
                    .close("dl")
                    .el("h3", "Answer")
                    .el("pre", pretty, "id", "result-answer", "tabindex", "0")
                    .close("section");
            testForm(page, operator, account, action, raw, false);
        });
        ConsolePages.send(ctx, 200, html);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> mapType() {
        return (Class) Map.class;
    }

    private List<ActionDescriptor> actionsOf(LinkedAccount account) {
        return connectors.find(account.provider()).map(c -> c.actions().stream().map(ConnectorAction::descriptor).toList())
                .orElse(List.of());
    }

    /** A production account's sending actions ask first. */
    private static boolean sends(LinkedAccount account, ActionDescriptor action) {
        return account.mode() == Mode.PRODUCTION && action.name().startsWith("send");
    }

    private static String name(LinkedAccount account) {
        return account.label().filter(l -> !l.isBlank()).orElse(account.providerAccount().name());
    }

    private void accountLine(Html page, LinkedAccount account) {
        page.open("p").text("Account ").el("a", name(account), "href", "/console/accounts/" + account.id())
                .text(" (" + ConsolePages.mode(account.mode()) + ", " + ConsolePages.status(account.status()) + ")").close("p");
    }

    private static void chooser(Html page, LinkedAccount account, List<ActionDescriptor> offered,
            Optional<ActionDescriptor> chosen) {
        page.open("form", "method", "get", "action", "/console/accounts/" + account.id() + "/tester", "class", "filters")
                .open("div", "class", "field").el("label", "Action", "for", "action-choice")
                .open("select", "id", "action-choice", "name", "action");
        for (ActionDescriptor action : offered) {
            page.el("option", action.name() + ": " + action.description(), "value", action.name(), "selected",
                    chosen.filter(c -> c.name().equals(action.name())).isPresent() ? "" : null);
        }
        page.close("select").close("div").el("button", "Choose", "type", "submit").close("form");
    }

    private void testForm(Html page, ConsoleGuard.Operator operator, LinkedAccount account, ActionDescriptor action,
            String raw, boolean confirming) {
        String schema;
        try {
            schema = mapper.writeValueAsString(action.inputSchema());
        } catch (JsonProcessingException e) {
            schema = "{}";
        }
        page.el("h2", action.name());
        page.el("p", action.description());
        page.open("form", "method", "post", "action", "/console/accounts/" + account.id() + "/tester", "id", "tester",
                        "data-schema", schema, "data-confirm", sends(account, action) && !confirming
                                ? "This sends a real email through a production account. Continue?" : null)
                .csrf(operator.csrf())
                .open("input", "type", "hidden", "name", "action", "value", action.name());
        if (confirming) {
            page.open("input", "type", "hidden", "name", "confirmed", "value", "yes");
        }
        page.open("div", "id", "generated", "class", "generated").close("div");
        page.open("div", "class", "field raw").el("label", "Input as raw JSON", "for", "raw-input")
                .el("textarea", raw, "id", "raw-input", "name", "input", "rows", "10", "spellcheck", "false")
                .close("div");
        page.el("button", confirming ? "Yes, send it" : "Run " + action.name(), "type", "submit", "class", "primary",
                "id", "run");
        page.close("form");
    }

    // ---- logs, audit, webhooks ------------------------------------------------------------

    private void logs(Context ctx, ConsoleGuard.Operator operator) {
        Optional<String> accountId = param(ctx, "account_id");
        Optional<String> provider = param(ctx, "provider");
        Optional<String> action = param(ctx, "action");
        OptionalInt status = param(ctx, "status").flatMap(s -> {
            try {
                int value = Integer.parseInt(s);
                return value >= 100 && value <= 599 ? Optional.of(value) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).map(OptionalInt::of).orElse(OptionalInt.empty());
        List<ActivityEntry> rows = activity.list(new ActivityQuery(operator.project().id(), accountId, provider, action,
                status, QueryParams.instant(ctx, "since"), QueryParams.instant(ctx, "until"),
                QueryParams.cursor(ctx).map(k -> new ActivityQuery.Cursor(k.at(), k.id())), PAGE_SIZE));
        List<ActivityEntry> shown = rows.size() > PAGE_SIZE ? rows.subList(0, PAGE_SIZE) : rows;
        String html = ConsolePages.frame(operator, "Logs", "/console/logs", page -> {
            page.open("form", "method", "get", "action", "/console/logs", "class", "filters", "role", "search",
                    "aria-label", "Filter the log");
            textFilter(page, "account_id", "Account id", accountId);
            textFilter(page, "provider", "Connector", provider);
            textFilter(page, "action", "Action", action);
            textFilter(page, "status", "HTTP status", status.isPresent() ? Optional.of(Integer.toString(status.getAsInt()))
                    : Optional.empty());
            page.el("button", "Apply filters", "type", "submit").close("form");
            activityTable(page, shown, "The project's activity log, newest first");
            if (rows.size() > PAGE_SIZE) {
                ActivityEntry last = shown.get(shown.size() - 1);
                page.open("p").el("a", "Older entries", "rel", "next", "href", "/console/logs?"
                        + accountId.map(a -> "account_id=" + ConsoleRoutes.encode(a) + "&").orElse("")
                        + "cursor=" + ConsoleRoutes.encode(QueryParams.encode(last.at(), last.id()))).close("p");
            }
        });
        ConsolePages.send(ctx, 200, html);
    }

    private void auditPage(Context ctx, ConsoleGuard.Operator operator) {
        Optional<String> target = param(ctx, "target_id");
        Optional<String> type = param(ctx, "type");
        List<AuditEntry> rows = audit.list(new AuditQuery(operator.project().id(), target, param(ctx, "actor"), type,
                QueryParams.instant(ctx, "since"), QueryParams.instant(ctx, "until"),
                QueryParams.cursor(ctx).map(k -> new AuditQuery.Cursor(k.at(), k.id())), PAGE_SIZE));
        List<AuditEntry> shown = rows.size() > PAGE_SIZE ? rows.subList(0, PAGE_SIZE) : rows;
        String html = ConsolePages.frame(operator, "Audit", "/console/audit", page -> {
            page.open("form", "method", "get", "action", "/console/audit", "class", "filters", "role", "search",
                    "aria-label", "Filter the audit trail");
            textFilter(page, "target_id", "Target id", target);
            textFilter(page, "type", "Type", type);
            page.el("button", "Apply filters", "type", "submit").close("form");
            auditTable(page, shown, "The project's audit trail, newest first");
            if (rows.size() > PAGE_SIZE) {
                AuditEntry last = shown.get(shown.size() - 1);
                page.open("p").el("a", "Older entries", "rel", "next", "href", "/console/audit?cursor="
                        + ConsoleRoutes.encode(QueryParams.encode(last.at(), last.id()))).close("p");
            }
        });
        ConsolePages.send(ctx, 200, html);
    }

    private static void textFilter(Html page, String name, String label, Optional<String> value) {
        String id = "filter-" + name;
        page.open("div", "class", "field").el("label", label, "for", id)
                .open("input", "id", id, "name", name, "type", "text", "value", value.orElse("")).close("div");
    }

    private static Optional<String> param(Context ctx, String name) {
        return ConsoleRoutes.nonBlank(ctx.queryParam(name)).filter(v -> v.length() <= 255);
    }

    static void activityTable(Html page, List<ActivityEntry> rows, String caption) {
        if (rows.isEmpty()) {
            page.el("p", "No activity yet.", "class", "muted");
            return;
        }
        page.open("div", "class", "table-wrap", "tabindex", "0", "role", "region", "aria-label", "Scrollable table").open("table", "class", "log").el("caption", caption).open("thead").open("tr");
        for (String column : List.of("At", "Account", "Action", "Caller", "Status", "Duration", "Provider ids")) {
            page.el("th", column, "scope", "col");
        }
        page.close("tr").close("thead").open("tbody");
        for (ActivityEntry entry : rows) {
            page.open("tr", "data-log-id", entry.id()).el("td", ConsolePages.time(entry.at()))
                    .open("td").el("a", entry.accountId(), "href", "/console/accounts/" + entry.accountId()).close("td")
                    .el("td", entry.what()).el("td", entry.caller().toString())
                    .el("td", entry.status() + entry.code().map(c -> " " + c).orElse(""))
                    .el("td", String.format(java.util.Locale.ROOT, "%.1f ms", entry.durationMicros() / 1000.0))
                    .el("td", entry.providerIds().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .reduce((a, b) -> a + ", " + b).orElse(""))
                    .close("tr");
        }
        page.close("tbody").close("table").close("div");
    }

    static void attemptsTable(Html page, List<DeliveryAttempt> attempts, String caption) {
        if (attempts.isEmpty()) {
            page.el("p", "No deliveries yet.", "class", "muted");
            return;
        }
        page.open("div", "class", "table-wrap", "tabindex", "0", "role", "region", "aria-label", "Scrollable table")
                .open("table").el("caption", caption).open("thead").open("tr");
        for (String column : List.of("At", "Event", "Type", "Attempt", "HTTP status", "Outcome")) {
            page.el("th", column, "scope", "col");
        }
        page.close("tr").close("thead").open("tbody");
        for (DeliveryAttempt attempt : attempts) {
            page.open("tr").el("td", ConsolePages.time(attempt.at())).el("td", attempt.eventId())
                    .el("td", attempt.eventType()).el("td", Integer.toString(attempt.attempt()))
                    .el("td", attempt.statusCode().isPresent() ? Integer.toString(attempt.statusCode().getAsInt())
                            : attempt.error().orElse("none"))
                    .el("td", attempt.outcome()).close("tr");
        }
        page.close("tbody").close("table").close("div");
    }

    static void auditTable(Html page, List<AuditEntry> rows, String caption) {
        if (rows.isEmpty()) {
            page.el("p", "No audit entries.", "class", "muted");
            return;
        }
        page.open("div", "class", "table-wrap", "tabindex", "0", "role", "region", "aria-label", "Scrollable table").open("table", "class", "log").el("caption", caption).open("thead").open("tr");
        for (String column : List.of("At", "Type", "Target", "Actor", "Source")) {
            page.el("th", column, "scope", "col");
        }
        page.close("tr").close("thead").open("tbody");
        for (AuditEntry entry : rows) {
            page.open("tr").el("td", ConsolePages.time(entry.at())).el("td", entry.type()).el("td", entry.targetId())
                    .el("td", entry.actor().toString()).el("td", entry.sourceIp().orElse("")).close("tr");
        }
        page.close("tbody").close("table").close("div");
    }
}
