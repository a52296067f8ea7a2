package org.connectorhub.hub.providerevents;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.port.out.AccountStore;
import org.connectorhub.core.port.out.ActivityRecorder;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ProviderEvent;
import org.connectorhub.core.spi.ProviderEvents;
import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.Problem;

/**
 * What a provider posts to {@code /v1/provider_events/{provider}/{account id}}: the Basic
 * credentials are checked in constant time (wrong or missing: 401, nothing stored), the payload is
 * read into a normalised event, and the event goes to the webhook outbox with its receipt in one
 * transaction. No provider call on this path. The same event twice (the provider's retry) is
 * stored once: its key is the provider's event id when the payload has one, else the body's hash.
 */
@Singleton
public final class ProviderEventReceiver {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProviderEventReceiver.class);
    /** What an absent or unopenable secret compares against: random, so no input can match it. */
    private static final byte[] NO_SUCH_USER = randomBytes();

    private final ProviderEventStore store;
    private final AccountStore accounts;
    private final ConnectorRegistry connectors;
    private final Subscriptions subscriptions;
    private final ActivityRecorder activity;
    private final Clock clock;

    @Inject
    public ProviderEventReceiver(ProviderEventStore store, AccountStore accounts, ConnectorRegistry connectors,
            Subscriptions subscriptions, ActivityRecorder activity, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.activity = requireNonNull(activity, "activity is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What became of one delivery. */
    public record Outcome(String type, boolean duplicate) {
    }

    /** The subscription the credentials open; 401 for any mismatch, alike whatever was wrong. */
    public Subscription authenticate(String provider, String accountId, Optional<String> authorization) {
        Optional<Subscription> found = store.find(accountId)
                .filter(s -> s.provider().equals(provider) && !s.removing());
        Optional<String[]> given = authorization.flatMap(ProviderEventReceiver::basic);
        byte[] expectedUser = found.map(s -> sha256(s.username().getBytes(UTF_8))).orElse(NO_SUCH_USER);
        byte[] expectedPassword = found.map(this::passwordDigest).orElse(NO_SUCH_USER);
        byte[] givenUser = sha256(given.map(g -> g[0]).orElse("").getBytes(UTF_8));
        byte[] givenPassword = sha256(given.map(g -> g[1]).orElse("").getBytes(UTF_8));
        // both compared every time, in constant time, so timing tells nothing of which part was wrong
        boolean userOk = MessageDigest.isEqual(expectedUser, givenUser);
        boolean passwordOk = MessageDigest.isEqual(expectedPassword, givenPassword);
        if (found.isEmpty() || given.isEmpty() || !(userOk & passwordOk)) {
            throw new ApiException(Problem.of(401, "unauthorized", "Unauthorized",
                    "The provider event credentials are missing or wrong.").withHeader("WWW-Authenticate", "Basic"));
        }
        return found.get();
    }

    /** Reads, de-duplicates and stores one event of an authenticated subscription. */
    public Outcome receive(Subscription subscription, byte[] body) {
        long start = System.nanoTime();
        ProviderEvents events = connectors.find(subscription.provider()).flatMap(Connector::providerEvents)
                .orElseThrow(() -> new ApiException(Problem.of(404, "unknown_provider", "Unknown provider",
                        "This hub has no provider events for '" + subscription.provider() + "'.")));
        LinkedAccount account = accounts.find(subscription.projectId(), subscription.accountId())
                .orElseThrow(() -> new ApiException(Problem.of(404, "account_not_found", "Account not found",
                        "The account of these provider events is gone.")));
        EventSettings settings = store.settings(subscription.projectId()).get(subscription.provider());
        boolean includeAttachments = settings != null && settings.includeAttachments();
        ProviderEvent event;
        try {
            event = events.read(body, includeAttachments);
        } catch (InvalidInputException e) {
            throw new ApiException(Problem.of(400, "invalid_payload", "Invalid payload", e.getMessage()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("account_id", account.id());
        data.put("origin_owner_id", account.originOwnerId());
        data.put("provider", account.provider());
        data.putAll(event.fields());
        data.put("raw", event.raw());
        String key = HexFormat.of().formatHex(sha256(event.eventKey()
                .map(k -> ("key:" + k).getBytes(UTF_8)).orElseGet(() -> concat("body:", body))));
        Instant now = clock.instant();
        boolean stored = store.receive(account.projectId(), account.id(), key, event.type(), data, now);
        Map<String, String> ids = new LinkedHashMap<>();
        Object messageId = event.fields().get("message_id");
        if (messageId != null) {
            ids.put("message_id", String.valueOf(messageId));
        }
        activity.record(new ActivityEntry(ActivityEntry.newId(now), now, account.projectId(), account.id(),
                account.provider(), "provider_event", event.type(), new Caller(Caller.Kind.PROVIDER, account.provider()),
                200, Optional.empty(), Duration.ofNanos(System.nanoTime() - start).toNanos() / 1000, ids,
                Optional.empty(), !stored, Optional.empty(), Optional.empty()));
        return new Outcome(event.type(), !stored);
    }

    // a password that no longer opens (its key retired before a re-seal) refuses like a wrong one
    private byte[] passwordDigest(Subscription subscription) {
        try {
            return sha256(subscriptions.password(subscription).getBytes(UTF_8));
        } catch (SecurityException unopenable) {
            LOG.warn("the provider events password of {} does not open: {}", subscription.accountId(),
                    unopenable.getClass().getSimpleName());
            return NO_SUCH_USER;
        }
    }

    private static Optional<String[]> basic(String header) {
        String value = header.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(String prefix, byte[] body) {
        byte[] head = prefix.getBytes(UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
