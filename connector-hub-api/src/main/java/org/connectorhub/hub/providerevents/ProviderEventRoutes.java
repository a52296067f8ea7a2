package org.connectorhub.hub.providerevents;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.port.out.AccountStore;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ProviderEvents;
import org.connectorhub.hub.config.HttpConfig;
import org.connectorhub.hub.config.ProviderEventsSettings;
import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.JsonBody;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.projects.Authentication;
import org.connectorhub.hub.projects.Project;
import org.connectorhub.hub.webhooks.WebhookUrlValidator;

/**
 * {@code GET/PUT /v1/provider_events}: a project's choice of provider events (project API key);
 * saving it sets up, changes or removes every account's subscription in the background.
 * {@code POST /v1/provider_events/{provider}/{account_id}}: the receiver providers post to, with
 * the per-account Basic credentials the hub gave them (no API key).
 */
public final class ProviderEventRoutes implements RouteContributor {
    static final int MAX_STREAMS = 10;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final Authentication auth;
    private final ObjectMapper mapper;
    private final HttpConfig http;
    private final ConnectorRegistry connectors;
    private final ProviderEventStore store;
    private final Subscriptions subscriptions;
    private final ProviderEventReceiver receiver;
    private final WebhookUrlValidator urls;
    private final AccountStore accounts;
    private final Clock clock;

    @Inject
    public ProviderEventRoutes(Authentication auth, ObjectMapper mapper, HttpConfig http, ProviderEventsSettings settings,
            ConnectorRegistry connectors, ProviderEventStore store, Subscriptions subscriptions,
            ProviderEventReceiver receiver, AccountStore accounts, Clock clock) {
        this.auth = requireNonNull(auth, "auth is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.http = requireNonNull(http, "http is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.store = requireNonNull(store, "store is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.receiver = requireNonNull(receiver, "receiver is null");
        this.urls = new WebhookUrlValidator(requireNonNull(settings, "settings is null").allowPrivate());
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/v1/provider_events", auth.platform(this::get));
        routes.put("/v1/provider_events", auth.platform(this::put));
        routes.post("/v1/provider_events/{provider}/{account_id}", this::receive);
        routes.get("/v1/accounts/{id}/provider_events", auth.platform(this::account));
    }

    private void get(Context ctx, Project project) {
        Responses.json(ctx, mapper, 200, json(store.settings(project.id())));
    }

    private void put(Context ctx, Project project) {
        JsonBody body = JsonBody.read(ctx, mapper, http.maxBodyBytes());
        Map<String, EventSettings> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.node().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String provider = entry.getKey();
            ProviderEvents events = connectors.find(provider).flatMap(Connector::providerEvents)
                    .orElseThrow(() -> ApiException.invalidInput(shown(provider),
                            "No installed connector offers provider events under this name."));
            if (entry.getValue().isNull()) {
                continue;
            }
            settings.put(provider, settings(provider, entry.getValue(), events.triggers()));
        }
        if (settings.values().stream().anyMatch(EventSettings::enabled)) {
            // the provider must reach us: refuse what it cannot (unless the operator allows it, for tests)
            try {
                urls.check(subscriptions.publicBase());
            } catch (WebhookUrlValidator.InvalidUrlException e) {
                throw new ApiException(Problem.of(422, "public_url_unreachable", "Public URL unreachable",
                        "Providers post events to the hub's public URL (HUB_PUBLIC_URL), which they cannot reach: "
                                + e.getMessage() + " Set HUB_PUBLIC_URL to an address reachable from the internet.")
                        .withErrors(List.of(FieldError.of("public_url", "unreachable", e.getMessage()))));
            }
        }
        store.saveSettings(project.id(), settings, (accountId, provider) -> subscriptions.create(accountId, project.id(),
                provider), clock.instant());
        Responses.json(ctx, mapper, 200, json(settings));
    }

    private static EventSettings settings(String provider, JsonNode node, Set<String> known) {
        if (!node.isObject()) {
            throw ApiException.wrongType(provider, "an object");
        }
        Set<String> allowed = Set.of("triggers", "inbound", "message_streams", "include_attachments");
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.invalidInput(provider + "." + shown(name), "Unknown member; the members are "
                        + allowed + ".");
            }
        }
        List<String> triggers = strings(node.get("triggers"), provider + ".triggers");
        for (String trigger : triggers) {
            if (!known.contains(trigger)) {
                throw ApiException.invalidInput(provider + ".triggers", "Unknown trigger; the triggers are " + known + ".");
            }
        }
        List<String> streams = node.has("message_streams") && !node.get("message_streams").isNull()
                ? strings(node.get("message_streams"), provider + ".message_streams") : EventSettings.DEFAULT_STREAMS;
        if (streams.size() > MAX_STREAMS || streams.stream().anyMatch(s -> !STREAM.matcher(s).matches())) {
            throw ApiException.invalidInput(provider + ".message_streams", "At most " + MAX_STREAMS
                    + " message stream ids (letters, digits, '-' and '_').");
        }
        return new EventSettings(triggers, bool(node.get("inbound"), provider + ".inbound"), streams,
                bool(node.get("include_attachments"), provider + ".include_attachments"));
    }

    private static List<String> strings(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.wrongType(field, "an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.wrongType(field, "an array of strings");
            }
            if (!values.contains(item.asText())) {
                values.add(item.asText());
            }
        }
        return values;
    }

    private static boolean bool(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiException.wrongType(field, "true or false");
        }
        return node.booleanValue();
    }

    /** A member name as echoed in an error: only a plain one, never arbitrary input. */
    private static String shown(String name) {
        return NAME.matcher(name).matches() ? name : "(member)";
    }

    private static Map<String, Object> json(Map<String, EventSettings> settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        settings.forEach((provider, chosen) -> json.put(provider, chosen.toJson()));
        return json;
    }

    /** One account's subscription: what is set up at the provider, what went wrong. */
    private void account(Context ctx, Project project) {
        String accountId = ctx.pathParam("id");
        accounts.find(project.id(), accountId)
                .orElseThrow(() -> new AccountNotFoundException("No account " + accountId + " in this project."));
        Optional<Subscription> subscription = store.find(accountId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_id", accountId);
        json.put("enabled", !store.optedOut(accountId));
        json.put("state", subscription.map(Subscription::state).orElse(Subscription.OFF));
        json.put("hook_ids", subscription.map(Subscription::hookIds).orElse(List.of()));
        json.put("warnings", subscription.map(Subscription::warnings).orElse(List.of()));
        json.put("last_error", subscription.flatMap(Subscription::lastError).orElse(null));
        Responses.json(ctx, mapper, 200, json);
    }

    private void receive(Context ctx) {
        Subscription subscription = receiver.authenticate(ctx.pathParam("provider"), ctx.pathParam("account_id"),
                Optional.ofNullable(ctx.header("Authorization")));
        byte[] body = JsonBody.read(ctx, mapper, http.maxBodyBytes()).raw();
        ProviderEventReceiver.Outcome outcome = receiver.receive(subscription, body);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("received", true);
        json.put("type", outcome.type());
        json.put("duplicate", outcome.duplicate());
        Responses.json(ctx, mapper, 200, json);
    }
}
