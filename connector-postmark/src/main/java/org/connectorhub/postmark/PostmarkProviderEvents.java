package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.postmark.PostmarkCredentialSchema.SERVER_TOKEN;
import static org.connectorhub.postmark.PostmarkCredentialSchema.SERVER_TOKEN_LABEL;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.InvalidCredentialsException;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.ProviderRejectedException;
import org.connectorhub.core.domain.ProviderResourceNotFoundException;
import org.connectorhub.core.domain.TestModeUnsupportedException;
import org.connectorhub.core.spi.EventSubscription;
import org.connectorhub.core.spi.ProviderEvent;
import org.connectorhub.core.spi.ProviderEvents;
import org.connectorhub.core.spi.SubscriptionResult;

/**
 * Postmark's webhooks for one server (team fact sheet on Postmark webhooks, section 1): one
 * webhook per chosen transactional or broadcast stream ({@code /webhooks}, HTTP Basic in
 * {@code HttpAuth}), and the server's {@code InboundHookUrl} (credentials in the URL, as Postmark
 * has no other way for inbound). Hooks are ours when their URL is the callback: others are never
 * touched. Bounce and SpamComplaint exist on transactional streams only.
 */
final class PostmarkProviderEvents implements ProviderEvents {
    /** The hub's trigger names to Postmark's {@code Triggers} keys. */
    static final Map<String, String> TRIGGERS = orderedTriggers();
    static final int TOO_MANY_WEBHOOKS = 1359;
    static final int WEBHOOK_NOT_FOUND = 1352;
    private static final Set<String> TRANSACTIONAL_ONLY = Set.of("Bounce", "SpamComplaint");

    private final PostmarkClients clients;
    private final PostmarkEventReader reader;

    PostmarkProviderEvents(PostmarkClients clients) {
        this.clients = requireNonNull(clients, "clients is null");
        this.reader = new PostmarkEventReader(clients.mapper());
    }

    private static Map<String, String> orderedTriggers() {
        Map<String, String> triggers = new LinkedHashMap<>();
        triggers.put("bounce", "Bounce");
        triggers.put("delivery", "Delivery");
        triggers.put("spam_complaint", "SpamComplaint");
        triggers.put("subscription_change", "SubscriptionChange");
        triggers.put("open", "Open");
        triggers.put("click", "Click");
        return triggers;
    }

    @Override
    public Set<String> triggers() {
        return TRIGGERS.keySet();
    }

    @Override
    public SubscriptionResult ensure(Credentials credentials, EventSubscription subscription) {
        String token = token(credentials);
        String url = subscription.callback().toString();
        List<String> ids = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean changed = false;
        Map<String, String> streamTypes = streamTypes(token);
        List<JsonNode> all = new ArrayList<>();
        call(() -> clients.server().webhooks(token, Map.of())).path("Webhooks").forEach(all::add);
        Set<Long> kept = new LinkedHashSet<>();
        for (String stream : subscription.streams()) {
            String type = streamTypes.get(stream.toLowerCase(Locale.ROOT));
            if (type == null) {
                warnings.add("This Postmark server has no message stream '" + stream + "'.");
                continue;
            }
            if (type.equalsIgnoreCase("Inbound")) {
                // inbound email goes to the server's InboundHookUrl, chosen with "inbound"
                continue;
            }
            Set<String> wanted = new LinkedHashSet<>();
            for (String trigger : subscription.triggers()) {
                String key = TRIGGERS.get(trigger);
                if (key != null && (type.equalsIgnoreCase("Transactional") || !TRANSACTIONAL_ONLY.contains(key))) {
                    wanted.add(key);
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            JsonNode existing = all.stream()
                    .filter(w -> w.path("Url").asText("").equals(url) && w.path("MessageStream").asText("").equalsIgnoreCase(stream))
                    .findFirst().orElse(null);
            if (existing == null) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("Url", url);
                body.put("MessageStream", stream);
                body.put("HttpAuth", Map.of("Username", subscription.username(), "Password", subscription.password()));
                body.put("Triggers", triggers(wanted));
                try {
                    JsonNode created = call(() -> clients.server().createWebhook(token, body));
                    ids.add(created.path("ID").asText());
                    kept.add(created.path("ID").asLong());
                    changed = true;
                } catch (ProviderRejectedException e) {
                    if (e.providerErrorCode() != TOO_MANY_WEBHOOKS) {
                        throw e;
                    }
                    warnings.add("Postmark's limit of webhooks on the stream '" + stream
                            + "' is reached: no events from it until one is removed.");
                }
            } else {
                long id = existing.path("ID").asLong();
                kept.add(id);
                ids.add(String.valueOf(id));
                if (!matches(existing, subscription, wanted)) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("Url", url);
                    body.put("HttpAuth", Map.of("Username", subscription.username(), "Password", subscription.password()));
                    body.put("Triggers", triggers(wanted));
                    call(() -> clients.server().editWebhook(token, id, body));
                    changed = true;
                }
            }
        }
        // ours on streams no longer chosen
        for (JsonNode webhook : all) {
            long id = webhook.path("ID").asLong();
            if (webhook.path("Url").asText("").equals(url) && !kept.contains(id)) {
                delete(token, id);
                changed = true;
            }
        }
        changed |= ensureInbound(token, subscription, warnings);
        return new SubscriptionResult(ids, changed, warnings);
    }

    private boolean ensureInbound(String token, EventSubscription subscription, List<String> warnings) {
        String current = call(() -> clients.server().serverDetails(token)).path("InboundHookUrl").asText("");
        if (subscription.inbound()) {
            String desired = withUserInfo(subscription.callback(), subscription.username(), subscription.password());
            if (current.equals(desired)) {
                return false;
            }
            if (!current.isEmpty() && !sameTarget(current, subscription.callback())) {
                warnings.add("This Postmark server already sends inbound email to another URL; it was left alone.");
                return false;
            }
            call(() -> clients.server().editServer(token, Map.of("InboundHookUrl", desired)));
            return true;
        }
        if (sameTarget(current, subscription.callback())) {
            call(() -> clients.server().editServer(token, Map.of("InboundHookUrl", "")));
            return true;
        }
        return false;
    }

    @Override
    public void remove(Credentials credentials, EventSubscription subscription) {
        String token = token(credentials);
        String url = subscription.callback().toString();
        for (JsonNode webhook : call(() -> clients.server().webhooks(token, Map.of())).path("Webhooks")) {
            if (webhook.path("Url").asText("").equals(url)) {
                delete(token, webhook.path("ID").asLong());
            }
        }
        String current = call(() -> clients.server().serverDetails(token)).path("InboundHookUrl").asText("");
        if (sameTarget(current, subscription.callback())) {
            call(() -> clients.server().editServer(token, Map.of("InboundHookUrl", "")));
        }
    }

    @Override
    public ProviderEvent read(byte[] body, boolean includeAttachments) {
        return reader.read(body, includeAttachments);
    }

    private void delete(String token, long id) {
        try {
            call(() -> clients.server().deleteWebhook(token, id));
        } catch (ProviderResourceNotFoundException gone) {
            // already removed
        } catch (ProviderRejectedException e) {
            if (e.providerErrorCode() != WEBHOOK_NOT_FOUND) {
                throw e;
            }
        }
    }

    private Map<String, String> streamTypes(String token) {
        Map<String, String> types = new HashMap<>();
        JsonNode streams = call(() -> clients.server().messageStreams(token, Map.of()));
        for (JsonNode stream : streams.path("MessageStreams")) {
            types.put(stream.path("ID").asText("").toLowerCase(Locale.ROOT), stream.path("MessageStreamType").asText(""));
        }
        return types;
    }

    private static boolean matches(JsonNode webhook, EventSubscription subscription, Set<String> wanted) {
        JsonNode auth = webhook.path("HttpAuth");
        if (!subscription.username().equals(auth.path("Username").asText(""))) {
            return false;
        }
        // Postmark shows the password; an answer without it cannot tell, and is taken as unchanged
        JsonNode password = auth.path("Password");
        if (password.isTextual() && !password.asText().isEmpty() && !password.asText().equals(subscription.password())) {
            return false;
        }
        for (String key : TRIGGERS.values()) {
            if (webhook.path("Triggers").path(key).path("Enabled").asBoolean(false) != wanted.contains(key)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> triggers(Set<String> wanted) {
        Map<String, Object> triggers = new LinkedHashMap<>();
        for (String key : TRIGGERS.values()) {
            Map<String, Object> setting = new LinkedHashMap<>();
            setting.put("Enabled", wanted.contains(key));
            if (key.equals("Open")) {
                setting.put("PostFirstOpenOnly", false);
            }
            if (key.equals("Bounce") || key.equals("SpamComplaint")) {
                setting.put("IncludeContent", false);
            }
            triggers.put(key, setting);
        }
        return triggers;
    }

    static String withUserInfo(URI callback, String username, String password) {
        try {
            return new URI(callback.getScheme(), username + ":" + password, callback.getHost(), callback.getPort(),
                    callback.getPath(), callback.getQuery(), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the callback URL cannot carry credentials");
        }
    }

    /** The same URL once user info is set aside. */
    static boolean sameTarget(String url, URI callback) {
        if (url == null || url.isEmpty()) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return Objects.equals(uri.getScheme(), callback.getScheme()) && Objects.equals(uri.getHost(), callback.getHost())
                    && uri.getPort() == callback.getPort() && Objects.equals(uri.getPath(), callback.getPath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String token(Credentials credentials) {
        String token = credentials.get(SERVER_TOKEN).orElseThrow(() -> new InvalidCredentialsException(
                List.of(FieldError.of(SERVER_TOKEN, "required", SERVER_TOKEN_LABEL + " is required."))));
        if (PostmarkCredentialSchema.isTestToken(token)) {
            throw new TestModeUnsupportedException("Postmark's test token cannot have webhooks: events are set up "
                    + "only for accounts linked with a real Server API Token.");
        }
        return token;
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        return PostmarkCall.run(SERVER_TOKEN_LABEL, call);
    }

    @Override
    public String toString() {
        return "PostmarkProviderEvents{" + clients.settings().baseUrl() + "}";
    }
}
