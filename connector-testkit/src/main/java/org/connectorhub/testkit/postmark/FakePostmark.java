package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.fake.FakeProviderServer;
import org.connectorhub.testkit.fake.FakeResponse;
import org.connectorhub.testkit.postmark.PostmarkAddresses.Address;
import org.connectorhub.testkit.postmark.PostmarkModel.BounceKind;
import org.connectorhub.testkit.postmark.PostmarkModel.BounceState;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;
import org.connectorhub.testkit.postmark.PostmarkModel.TemplateState;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.testkit.postmark.PostmarkState.key;

/**
 * A fake Postmark: a real HTTP server on 127.0.0.1 that speaks Postmark's wire format (see the
 * team's Postmark fact sheet), independently of any adapter's classes. Built on
 * {@link FakeProviderServer}: use {@link #http()} for faults and recorded requests.
 *
 * <p>What it checks, as Postmark does: the token headers ({@code X-Postmark-Server-Token} for
 * server endpoints, {@code X-Postmark-Account-Token} for servers, senders and domains; a missing,
 * wrong, revoked or other-kind token is 401 with ErrorCode 10, and no message ever echoes a token);
 * {@code Accept: application/json} on every request and {@code Content-Type: application/json}
 * on every request with a body (415 otherwise; Postmark documents it for the email endpoints, the
 * official clients always send both); {@code count} and {@code offset} on list endpoints; the
 * {@code /email} payload (From, To, a body, at most 50 addresses in each of To, Cc and Bcc: 422
 * ErrorCode 300) and batch sizes (at most 500: 422 ErrorCode 410). Paths match with or without a
 * trailing slash and in any case, query names in any case.
 *
 * <p>The test token {@value #TEST_TOKEN}: {@code POST /email} and {@code /email/batch} answer
 * "Test job accepted" after the usual validation (nothing is delivered, but {@link #sentEmails()}
 * lists it); template sends answer 422 ErrorCode 1101. Postmark does not document the test token on
 * other endpoints: this fake chooses to answer them with 401 ErrorCode 10.
 *
 * <p>ErrorCodes not in Postmark's published list are this fake's choice: 422 ErrorCode 300 for a
 * missing or bad {@code count}/{@code offset} and for missing required fields outside {@code /email},
 * 404 with 600 (server) and 1235 (message stream), 422 with 503 (domain exists). The webhooks API's
 * codes are described on {@link PostmarkWebhooksApi}.
 *
 * <p>Events: {@link #fire} POSTs a {@link FakePostmarkEvent} to the server's webhooks of its stream
 * and trigger (or, for inbound email, to the server's {@code InboundHookUrl}), with Postmark's
 * Basic auth and retries; {@link #webhookAttempts()} records every POST; {@link #webhookSettings()}
 * tunes what Postmark does not document for sure.
 *
 * <p>Layout: this class holds the public API (seeding and control methods); each Postmark API area
 * is a package-private class ({@link PostmarkServersApi}, {@link PostmarkEmailApi},
 * {@link PostmarkTemplatesApi}, {@link PostmarkMessagesApi}, {@link PostmarkBouncesApi},
 * {@link PostmarkStreamsApi}, {@link PostmarkWebhooksApi}) over the shared {@link PostmarkState},
 * registered through {@link PostmarkRoutes} (token and media-type checks, the lock).
 *
 * <p>Run it on its own (seeds one server, one account token and some data, and prints them):
 * <pre>
 * mvn -q -pl connector-testkit compile exec:java -Dexec.mainClass=org.connectorhub.testkit.postmark.FakePostmark -Dexec.args="--port 8081"
 * </pre>
 */
public final class FakePostmark implements AutoCloseable {
    public static final String TEST_TOKEN = "POSTMARK_API_TEST";
    public static final String SERVER_TOKEN_HEADER = "X-Postmark-Server-Token";
    public static final String ACCOUNT_TOKEN_HEADER = "X-Postmark-Account-Token";
    public static final int MAX_RECIPIENTS_PER_FIELD = 50;
    public static final int MAX_BATCH_SIZE = 500;
    public static final int MAX_COUNT = PostmarkRequests.MAX_COUNT;

    /** A seeded or created server. {@code toString()} hides the token. */
    public record Server(long id, String name, String serverToken, String deliveryType) {
        public Server {
            requireNonNull(name, "name is null");
            requireNonNull(serverToken, "serverToken is null");
            requireNonNull(deliveryType, "deliveryType is null");
        }

        @Override
        public String toString() {
            return "Server[id=" + id + ", name=" + name + ", serverToken=****, deliveryType=" + deliveryType + "]";
        }
    }

    private final FakeProviderServer http;
    private final PostmarkState state = new PostmarkState();
    private final PostmarkWebhookDelivery delivery = new PostmarkWebhookDelivery();

    private FakePostmark(FakeProviderServer http) {
        this.http = requireNonNull(http, "http is null");
        http.ignorePathCase(true);
        PostmarkRoutes routes = new PostmarkRoutes(http, state);
        new PostmarkServersApi(state).register(routes);
        new PostmarkEmailApi(state).register(routes);
        new PostmarkTemplatesApi().register(routes);
        new PostmarkMessagesApi().register(routes);
        new PostmarkBouncesApi(state).register(routes);
        new PostmarkStreamsApi(state).register(routes);
        new PostmarkWebhooksApi(state).register(routes);
    }

    /** Starts on a free port of 127.0.0.1. */
    public static FakePostmark start() {
        return new FakePostmark(FakeProviderServer.start());
    }

    public static FakePostmark start(int port) {
        return new FakePostmark(FakeProviderServer.start(port));
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public URI baseUri() {
        return http.baseUri();
    }

    /** The underlying server: faults, recorded requests. */
    public FakeProviderServer http() {
        return http;
    }

    @Override
    public void close() {
        http.close();
    }

    /**
     * A fault answering as Postmark does on errors: this status with {@code {"ErrorCode":..,"Message":..}},
     * e.g. {@code errorFault(500, 0, "Internal server error")} or {@code errorFault(503, 100, "Maintenance")}.
     * Add it with {@code http().faults()}.
     */
    public static Fault errorFault(int status, int errorCode, String message) {
        requireNonNull(message, "message is null");
        FakeResponse response = PostmarkWire.error(status, errorCode, message);
        return Fault.status(status, response.headers().get("Content-Type"), response.body());
    }

    // ---- seeding -------------------------------------------------------------------------------

    /** A live server with a random UUID token. */
    public Server addServer(String name) {
        return addServer(name, "Live");
    }

    /** A server with a random UUID token; {@code deliveryType} is {@code Live} or {@code Sandbox}. */
    public Server addServer(String name, String deliveryType) {
        requireNonNull(name, "name is null");
        requireNonNull(deliveryType, "deliveryType is null");
        if (!deliveryType.equals("Live") && !deliveryType.equals("Sandbox")) {
            throw new IllegalArgumentException("deliveryType must be Live or Sandbox: " + deliveryType);
        }
        synchronized (state.lock) {
            return state.createServer(name, deliveryType).toServer();
        }
    }

    /** A new account token (a random UUID). */
    public String addAccountToken() {
        String token = UUID.randomUUID().toString();
        synchronized (state.lock) {
            state.accountTokens.add(key(token));
        }
        return token;
    }

    /** The token, server or account, now answers 401 ErrorCode 10. */
    public void revoke(String token) {
        requireNonNull(token, "token is null");
        synchronized (state.lock) {
            state.accountTokens.remove(key(token));
            ServerState server = state.serversByToken.remove(key(token));
            if (server != null) {
                server.tokens.removeIf(existing -> key(existing).equals(key(token)));
            }
        }
    }

    /** What {@link #seedDemo()} created. {@code toString()} hides the tokens. */
    public record Demo(Server server, String accountToken) {
        public Demo {
            requireNonNull(server, "server is null");
            requireNonNull(accountToken, "accountToken is null");
        }

        @Override
        public String toString() {
            return "Demo[server=" + server + ", accountToken=****]";
        }
    }

    /**
     * Seeds what the standalone runner shows: a live "Demo Server" with a template ({@code welcome}) and
     * a hard bounce, an account token, a confirmed sender signature {@code sender@example.com} and the
     * verified domain {@code example.com}.
     */
    public Demo seedDemo() {
        Server server = addServer("Demo Server");
        String accountToken = addAccountToken();
        addTemplate(server, "Welcome", "welcome");
        addBounce(server, "bounced@example.com", "HardBounce");
        addSenderSignature("sender@example.com", "Demo Sender", true);
        addDomain("example.com");
        return new Demo(server, accountToken);
    }

    /** A standard template on the server; returns its TemplateId. */
    public long addTemplate(Server server, String name, String alias) {
        requireNonNull(name, "name is null");
        synchronized (state.lock) {
            ServerState target = state.state(server);
            TemplateState template = new TemplateState(state.templateIds.incrementAndGet(), name, alias,
                    "Hello {{name}}", "<p>Hello {{name}}</p>", "Hello {{name}}");
            target.templates.add(template);
            return template.id;
        }
    }

    /**
     * A bounce on the server; {@code type} is a Postmark bounce type ({@code HardBounce},
     * {@code SoftBounce}, {@code Transient}, {@code SpamComplaint}, ...). A hard bounce or spam
     * complaint makes the address inactive, as on Postmark. Returns the bounce ID.
     */
    public long addBounce(Server server, String email, String type) {
        requireNonNull(email, "email is null");
        requireNonNull(type, "type is null");
        BounceKind kind = PostmarkState.BOUNCE_KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("unknown bounce type " + type + "; known: " + PostmarkState.BOUNCE_KINDS.keySet());
        }
        synchronized (state.lock) {
            ServerState target = state.state(server);
            BounceState bounce = new BounceState(state.bounceIds.incrementAndGet(), type, kind, email, Instant.now());
            target.bounces.add(bounce);
            if (bounce.inactive) {
                state.inactive.put(email.toLowerCase(Locale.ROOT), type.equals("SpamComplaint") ? "SpamComplaint" : "HardBounce");
            }
            return bounce.id;
        }
    }

    /** An account-level sender signature; returns its ID. */
    public long addSenderSignature(String email, String name, boolean confirmed) {
        Address address = PostmarkAddresses.parse(email)
                .orElseThrow(() -> new IllegalArgumentException("not an email address: " + email));
        requireNonNull(name, "name is null");
        synchronized (state.lock) {
            return state.createSignature(address.email(), name, "", confirmed).get("ID").asLong();
        }
    }

    /** An account-level domain, SPF and DKIM verified; returns its ID. */
    public long addDomain(String name) {
        requireNonNull(name, "name is null");
        synchronized (state.lock) {
            ObjectNode domain = state.createDomain(name, "");
            domain.put("SPFVerified", true);
            domain.put("DKIMVerified", true);
            return domain.get("ID").asLong();
        }
    }

    /** The address is suppressed: {@code POST /email} to it answers 422 ErrorCode 406. */
    public void markInactive(String email) {
        requireNonNull(email, "email is null");
        synchronized (state.lock) {
            state.inactive.put(email.trim().toLowerCase(Locale.ROOT), "ManualSuppression");
        }
    }

    /**
     * When on, {@code From} must be a confirmed sender signature or on a DKIM-verified domain
     * (422 ErrorCode 400/401 otherwise), as on Postmark. Off by default to keep tests short.
     */
    public FakePostmark enforceSenderSignatures(boolean enforce) {
        synchronized (state.lock) {
            state.enforceSenderSignatures = enforce;
        }
        return this;
    }

    /** The messages accepted on {@code /email}, {@code /email/batch} and the template sends, as sent, test ones too. */
    public List<Map<String, Object>> sentEmails() {
        synchronized (state.lock) {
            return List.copyOf(state.sent);
        }
    }

    public int sentEmailCount() {
        synchronized (state.lock) {
            return state.sent.size();
        }
    }

    public List<Server> servers() {
        synchronized (state.lock) {
            return state.servers.values().stream().map(ServerState::toServer).toList();
        }
    }

    // ---- events ---------------------------------------------------------------------------------

    /** The webhook behaviours that Postmark does not document for sure: limit, retries, trace headers, timeout. */
    public FakePostmarkWebhookSettings webhookSettings() {
        return state.webhookSettings;
    }

    /**
     * Fires {@code event} on {@code server} and waits until each POST was answered 200 or given up
     * on (retries per {@link #webhookSettings()}). Outbound events go to the server's webhooks of
     * the event's {@code MessageStream} with the event's trigger enabled (an Open without
     * {@code FirstOpen} skips webhooks with {@code PostFirstOpenOnly}; {@code Content} only with
     * {@code IncludeContent}); inbound email goes to the server's {@code InboundHookUrl}. Returns
     * this event's attempts; none when nothing is subscribed.
     */
    public List<FakePostmarkWebhookAttempt> fire(Server server, FakePostmarkEvent event) {
        return fireAsync(server, event).join();
    }

    /** {@link #fire} without waiting. */
    public CompletableFuture<List<FakePostmarkWebhookAttempt>> fireAsync(Server server, FakePostmarkEvent event) {
        requireNonNull(event, "event is null");
        List<PostmarkWebhookDelivery.Target> targets;
        synchronized (state.lock) {
            targets = PostmarkWebhookDelivery.targets(state.state(server), event);
        }
        return delivery.deliver(event, targets, state.webhookSettings.snapshot());
    }

    /** Every POST made for fired events so far, in the order they were answered. */
    public List<FakePostmarkWebhookAttempt> webhookAttempts() {
        return delivery.attempts();
    }

    // ---- standalone ---------------------------------------------------------------------------

    /** The {@code --port N} (or {@code --port=N}) argument, 8081 without one. */
    static int port(String[] args) {
        return PostmarkStandalone.port(args);
    }

    /**
     * Runs the fake until interrupted: {@code --port N} (default 8081). Seeds one server (with a
     * template, a bounce), one account token, a sender signature and a domain, and prints the base
     * URL and the fake tokens.
     */
    public static void main(String[] args) throws InterruptedException {
        PostmarkStandalone.run(args);
    }
}
