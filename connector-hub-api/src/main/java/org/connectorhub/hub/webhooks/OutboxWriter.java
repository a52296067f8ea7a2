package org.connectorhub.hub.webhooks;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.hub.http.WireJson;
import org.connectorhub.hub.accounts.AccountChangeListener;
import org.connectorhub.hub.storage.Jdbc;

/**
 * Turns account changes into webhook events, written to the outbox inside the transaction of the
 * change, so an event exists exactly when its change does. A change of status is
 * {@code account.status_changed}; a change of what the account is (credentials, label, metadata,
 * provider account, scopes, mode, owner) is {@code account.updated}; the bookkeeping of a re-check
 * (when it ran, what an outage said) is neither. Nothing is written for a project without endpoints.
 */
@Singleton
public final class OutboxWriter implements AccountChangeListener {
    /** Status reason codes of the provider events' checks start so ({@code provider_events_repaired}, ...). */
    public static final String PROVIDER_EVENTS_REASON = "provider_events_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    // the JDBC adapter, not the port: events are written on the account change's own connection
    private final JdbcWebhookStore store;
    private final Clock clock;

    @Inject
    public OutboxWriter(JdbcWebhookStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void changed(Connection connection, Optional<LinkedAccount> before, Optional<LinkedAccount> after)
            throws SQLException {
        LinkedAccount account = after.or(() -> before).orElseThrow();
        List<Event> events = events(before, after);
        if (events.isEmpty()) {
            return;
        }
        List<WebhookEndpoint> endpoints = store.endpoints(connection, account.projectId());
        if (endpoints.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (Event event : events) {
            List<String> targets = endpoints.stream().filter(e -> e.wants(event.type())).map(WebhookEndpoint::id).toList();
            if (targets.isEmpty()) {
                continue;
            }
            String eventId = newId("evt_");
            store.writeEvent(connection, eventId, account.projectId(), account.id(), event.type(),
                    Jdbc.toJson(payload(eventId, event, account.projectId(), now)), now, targets);
        }
    }

    /**
     * Writes a provider event of the account (an {@code email.*} type) on the caller's connection,
     * for the project's endpoints that want it; {@code data} is the event's {@code data} object.
     * Returns the event id, empty when no endpoint wants it.
     */
    public Optional<String> writeProviderEvent(Connection connection, String projectId, String accountId, String type,
            Map<String, Object> data) throws SQLException {
        List<String> targets = store.endpoints(connection, projectId).stream().filter(e -> e.wants(type))
                .map(WebhookEndpoint::id).toList();
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String eventId = newId("evt_");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", eventId);
        json.put("type", type);
        json.put("created_at", now.toString());
        json.put("project_id", projectId);
        json.put("data", data);
        store.writeEvent(connection, eventId, projectId, accountId, type, Jdbc.toJson(json), now, targets);
        return Optional.of(eventId);
    }

    private record Event(String type, LinkedAccount account, Map<String, Object> extra) {
    }

    static List<Event> events(Optional<LinkedAccount> before, Optional<LinkedAccount> after) {
        List<Event> events = new ArrayList<>();
        if (before.isEmpty() && after.isPresent()) {
            events.add(new Event(WebhookEvents.ACCOUNT_CREATED, after.get(), Map.of()));
        } else if (before.isPresent() && after.isEmpty()) {
            events.add(new Event(WebhookEvents.ACCOUNT_DELETED, before.get(), Map.of()));
        } else if (before.isPresent()) {
            LinkedAccount old = before.get();
            LinkedAccount now = after.get();
            if (!sameSubstance(old, now) || gainedProviderEventsReason(old, now)) {
                events.add(new Event(WebhookEvents.ACCOUNT_UPDATED, now, Map.of()));
            }
            if (old.status() != now.status()) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("previous_status", old.status().wireName());
                extra.put("status", now.status().wireName());
                extra.put("reasons", WireJson.account(now).get("status_reasons"));
                events.add(new Event(WebhookEvents.ACCOUNT_STATUS_CHANGED, now, extra));
            }
        }
        return events;
    }

    /** The provider events' check repaired or failed: a change of the account the platform hears of. */
    private static boolean gainedProviderEventsReason(LinkedAccount old, LinkedAccount now) {
        return now.statusReasons().stream().anyMatch(reason -> reason.code().startsWith(PROVIDER_EVENTS_REASON)
                && !old.statusReasons().contains(reason));
    }

    /** Equal in everything but status, its reasons and the bookkeeping (times, version). */
    private static boolean sameSubstance(LinkedAccount a, LinkedAccount b) {
        return a.provider().equals(b.provider())
                && a.originOwnerId().equals(b.originOwnerId())
                && a.originOwnerName().equals(b.originOwnerName())
                && a.originUsername().equals(b.originUsername())
                && a.label().equals(b.label())
                && a.metadata().equals(b.metadata())
                && a.mode() == b.mode()
                && a.scopes().equals(b.scopes())
                && a.providerAccount().equals(b.providerAccount())
                && a.credentialFields().equals(b.credentialFields())
                // new ciphertext means new credentials (a re-link), even with the same fields
                && Arrays.equals(a.sealedCredentials(), b.sealedCredentials());
    }

    private static Map<String, Object> payload(String eventId, Event event, String projectId, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("account", WireJson.account(event.account()));
        data.putAll(event.extra());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", eventId);
        json.put("type", event.type());
        json.put("created_at", now.toString());
        json.put("project_id", projectId);
        json.put("data", data);
        return json;
    }

    static String newId(String prefix) {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return prefix + new String(id);
    }
}
