package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.fake.FakeHandler;
import org.connectorhub.testkit.fake.FakeProviderServer;
import org.connectorhub.testkit.fake.FakeRequest;
import org.connectorhub.testkit.fake.FakeResponse;
import org.connectorhub.testkit.postmark.PostmarkAddresses.Address;
import org.connectorhub.testkit.postmark.PostmarkModel.BounceKind;
import org.connectorhub.testkit.postmark.PostmarkModel.BounceState;
import org.connectorhub.testkit.postmark.PostmarkModel.MessageState;
import org.connectorhub.testkit.postmark.PostmarkModel.Recipients;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;
import org.connectorhub.testkit.postmark.PostmarkModel.TemplateState;
import org.connectorhub.testkit.postmark.PostmarkRequests.Page;
import org.connectorhub.testkit.postmark.PostmarkWire.PostmarkError;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.testkit.postmark.PostmarkRequests.body;
import static org.connectorhub.testkit.postmark.PostmarkRequests.bodyObject;
import static org.connectorhub.testkit.postmark.PostmarkRequests.isBlank;
import static org.connectorhub.testkit.postmark.PostmarkRequests.iterable;
import static org.connectorhub.testkit.postmark.PostmarkRequests.newestFirst;
import static org.connectorhub.testkit.postmark.PostmarkRequests.optionalText;
import static org.connectorhub.testkit.postmark.PostmarkRequests.page;
import static org.connectorhub.testkit.postmark.PostmarkRequests.requiredText;
import static org.connectorhub.testkit.postmark.PostmarkRequests.textFilter;
import static org.connectorhub.testkit.postmark.PostmarkWire.date;
import static org.connectorhub.testkit.postmark.PostmarkWire.notFound;
import static org.connectorhub.testkit.postmark.PostmarkWire.object;
import static org.connectorhub.testkit.postmark.PostmarkWire.ok;
import static org.connectorhub.testkit.postmark.PostmarkWire.unprocessable;

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
 * 404 with 600 (server), 1400 (webhook) and 1235 (message stream), 422 with 503 (domain exists).
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

    private static final Map<String, BounceKind> BOUNCE_KINDS = PostmarkModel.bounceKinds();
    private static final Set<String> TRACK_LINKS = Set.of("None", "HtmlAndText", "HtmlOnly", "TextOnly");

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
    private final Object lock = new Object();
    private final AtomicLong serverIds = new AtomicLong(1000);
    private final AtomicLong templateIds = new AtomicLong(2000);
    private final AtomicLong bounceIds = new AtomicLong(700000000);
    private final AtomicLong signatureIds = new AtomicLong(3000);
    private final AtomicLong domainIds = new AtomicLong(4000);
    private final AtomicLong webhookIds = new AtomicLong(5000);

    // all guarded by lock
    private final Map<Long, ServerState> servers = new LinkedHashMap<>();
    private final Map<String, ServerState> serversByToken = new LinkedHashMap<>();
    private final Set<String> accountTokens = new LinkedHashSet<>();
    private final Map<String, String> inactive = new LinkedHashMap<>();
    private final List<ObjectNode> signatures = new ArrayList<>();
    private final List<ObjectNode> domains = new ArrayList<>();
    private final List<Map<String, Object>> sent = new ArrayList<>();
    private boolean enforceSenderSignatures;

    private FakePostmark(FakeProviderServer http) {
        this.http = requireNonNull(http, "http is null");
        http.ignorePathCase(true);
        routes();
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
        synchronized (lock) {
            return createServer(name, deliveryType).toServer();
        }
    }

    /** A new account token (a random UUID). */
    public String addAccountToken() {
        String token = UUID.randomUUID().toString();
        synchronized (lock) {
            accountTokens.add(key(token));
        }
        return token;
    }

    /** The token, server or account, now answers 401 ErrorCode 10. */
    public void revoke(String token) {
        requireNonNull(token, "token is null");
        synchronized (lock) {
            accountTokens.remove(key(token));
            ServerState server = serversByToken.remove(key(token));
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
        synchronized (lock) {
            ServerState state = state(server);
            TemplateState template = new TemplateState(templateIds.incrementAndGet(), name, alias,
                    "Hello {{name}}", "<p>Hello {{name}}</p>", "Hello {{name}}");
            state.templates.add(template);
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
        BounceKind kind = BOUNCE_KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("unknown bounce type " + type + "; known: " + BOUNCE_KINDS.keySet());
        }
        synchronized (lock) {
            ServerState state = state(server);
            BounceState bounce = new BounceState(bounceIds.incrementAndGet(), type, kind, email, Instant.now());
            state.bounces.add(bounce);
            if (bounce.inactive) {
                inactive.put(email.toLowerCase(Locale.ROOT), type.equals("SpamComplaint") ? "SpamComplaint" : "HardBounce");
            }
            return bounce.id;
        }
    }

    /** An account-level sender signature; returns its ID. */
    public long addSenderSignature(String email, String name, boolean confirmed) {
        Address address = PostmarkAddresses.parse(email)
                .orElseThrow(() -> new IllegalArgumentException("not an email address: " + email));
        requireNonNull(name, "name is null");
        synchronized (lock) {
            return createSignature(address.email(), name, "", confirmed).get("ID").asLong();
        }
    }

    /** An account-level domain, SPF and DKIM verified; returns its ID. */
    public long addDomain(String name) {
        requireNonNull(name, "name is null");
        synchronized (lock) {
            ObjectNode domain = createDomain(name, "");
            domain.put("SPFVerified", true);
            domain.put("DKIMVerified", true);
            return domain.get("ID").asLong();
        }
    }

    /** The address is suppressed: {@code POST /email} to it answers 422 ErrorCode 406. */
    public void markInactive(String email) {
        requireNonNull(email, "email is null");
        synchronized (lock) {
            inactive.put(email.trim().toLowerCase(Locale.ROOT), "ManualSuppression");
        }
    }

    /**
     * When on, {@code From} must be a confirmed sender signature or on a DKIM-verified domain
     * (422 ErrorCode 400/401 otherwise), as on Postmark. Off by default to keep tests short.
     */
    public FakePostmark enforceSenderSignatures(boolean enforce) {
        synchronized (lock) {
            this.enforceSenderSignatures = enforce;
        }
        return this;
    }

    /** The messages accepted on {@code /email}, {@code /email/batch} and the template sends, as sent, test ones too. */
    public List<Map<String, Object>> sentEmails() {
        synchronized (lock) {
            return List.copyOf(sent);
        }
    }

    public int sentEmailCount() {
        synchronized (lock) {
            return sent.size();
        }
    }

    public List<Server> servers() {
        synchronized (lock) {
            return servers.values().stream().map(ServerState::toServer).toList();
        }
    }

    // ---- routes -------------------------------------------------------------------------------

    private enum TestToken { SEND, TEMPLATE_SEND, REJECT }

    @FunctionalInterface
    private interface ServerHandler {
        FakeResponse handle(FakeRequest request, ServerState server);
    }

    @FunctionalInterface
    private interface AccountHandler {
        FakeResponse handle(FakeRequest request);
    }

    private void routes() {
        server("GET", "/server", TestToken.REJECT, (request, server) -> ok(serverJson(server)));
        server("PUT", "/server", TestToken.REJECT, this::editServer);
        server("POST", "/email", TestToken.SEND, this::sendEmail);
        server("POST", "/email/batch", TestToken.SEND, this::sendBatch);
        server("POST", "/email/withTemplate", TestToken.TEMPLATE_SEND, this::sendWithTemplate);
        server("POST", "/email/batchWithTemplates", TestToken.TEMPLATE_SEND, this::sendBatchWithTemplates);
        server("GET", "/templates", TestToken.REJECT, this::listTemplates);
        server("GET", "/templates/{idOrAlias}", TestToken.REJECT,
                (request, server) -> ok(templateJson(template(server, request.pathParams().get("idOrAlias")), server)));
        server("GET", "/messages/outbound", TestToken.REJECT, this::listMessages);
        server("GET", "/messages/outbound/{id}/details", TestToken.REJECT, this::messageDetails);
        server("GET", "/bounces", TestToken.REJECT, this::listBounces);
        server("GET", "/bounces/{id}", TestToken.REJECT,
                (request, server) -> ok(bounceJson(bounce(server, request.pathParams().get("id")), server, true)));
        server("PUT", "/bounces/{id}/activate", TestToken.REJECT, this::activateBounce);
        server("GET", "/deliverystats", TestToken.REJECT, this::deliveryStats);
        server("GET", "/message-streams", TestToken.REJECT, this::listStreams);
        server("GET", "/message-streams/{stream}", TestToken.REJECT,
                (request, server) -> ok(streamJson(stream(server, request.pathParams().get("stream")), server)));
        server("GET", "/message-streams/{stream}/suppressions/dump", TestToken.REJECT, this::suppressions);
        server("GET", "/stats/outbound", TestToken.REJECT, this::outboundStats);
        server("GET", "/webhooks", TestToken.REJECT, this::listWebhooks);
        server("POST", "/webhooks", TestToken.REJECT, this::createWebhook);
        server("GET", "/webhooks/{id}", TestToken.REJECT,
                (request, server) -> ok(webhook(server, request.pathParams().get("id"))));
        server("DELETE", "/webhooks/{id}", TestToken.REJECT, this::deleteWebhook);

        account("GET", "/servers", this::listServers);
        account("GET", "/servers/{id}", request -> ok(serverJson(serverById(request.pathParams().get("id")))));
        account("POST", "/servers", this::createServerRoute);
        account("GET", "/senders", this::listSignatures);
        account("GET", "/senders/{id}", request -> ok(signatureById(request.pathParams().get("id"))));
        account("POST", "/senders", this::createSignatureRoute);
        account("GET", "/domains", this::listDomains);
        account("GET", "/domains/{id}", request -> ok(domainById(request.pathParams().get("id"))));
        account("POST", "/domains", this::createDomainRoute);
        account("PUT", "/domains/{id}/verifyDkim", this::verifyDkim);
    }

    private void server(String method, String path, TestToken testToken, ServerHandler handler) {
        http.route(method, path, guarded(request -> {
            Optional<String> token = request.header(SERVER_TOKEN_HEADER).map(String::trim).filter(value -> !value.isEmpty());
            if (token.isEmpty()) {
                return missingToken();
            }
            if (token.get().equalsIgnoreCase(TEST_TOKEN)) {
                return switch (testToken) {
                    case SEND -> handler.handle(request, null);
                    case TEMPLATE_SEND -> PostmarkWire.error(422, 1101,
                            "The template was not found: the test token belongs to no server and has no templates.");
                    case REJECT -> invalidToken("Server", SERVER_TOKEN_HEADER);
                };
            }
            ServerState server = serversByToken.get(key(token.get()));
            if (server == null) {
                return invalidToken("Server", SERVER_TOKEN_HEADER);
            }
            return handler.handle(request, server);
        }));
    }

    private void account(String method, String path, AccountHandler handler) {
        http.route(method, path, guarded(request -> {
            Optional<String> token = request.header(ACCOUNT_TOKEN_HEADER).map(String::trim).filter(value -> !value.isEmpty());
            if (token.isEmpty()) {
                return missingToken();
            }
            if (!accountTokens.contains(key(token.get()))) {
                return invalidToken("Account", ACCOUNT_TOKEN_HEADER);
            }
            return handler.handle(request);
        }));
    }

    /** Media types first (as Postmark's web layer does), then the route under the lock; PostmarkErrors become answers. */
    private FakeHandler guarded(FakeHandler handler) {
        return request -> {
            String accept = request.header("Accept").orElse("").toLowerCase(Locale.ROOT);
            boolean acceptsJson = accept.contains("application/json") || accept.contains("application/*") || accept.contains("*/*");
            boolean hasBody = !request.body().isBlank()
                    && (request.method().equals("POST") || request.method().equals("PUT") || request.method().equals("PATCH"));
            boolean sendsJson = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT).startsWith("application/json");
            if (!acceptsJson || (hasBody && !sendsJson)) {
                return PostmarkWire.error(415, 409,
                        "JSON data required: send the 'Accept: application/json' and 'Content-Type: application/json' headers.");
            }
            try {
                synchronized (lock) {
                    return handler.handle(request);
                }
            } catch (PostmarkError e) {
                return e.response();
            }
        };
    }

    private static FakeResponse missingToken() {
        return PostmarkWire.error(401, 10, "No Account or Server API tokens were supplied in the HTTP headers. "
                + "Please add a header for either " + SERVER_TOKEN_HEADER + " or " + ACCOUNT_TOKEN_HEADER + ".");
    }

    private static FakeResponse invalidToken(String kind, String header) {
        return PostmarkWire.error(401, 10, "The " + kind + " API Token you provided in the " + header
                + " header was invalid. Please verify that you are using a valid token.");
    }

    // ---- server -------------------------------------------------------------------------------

    private FakeResponse editServer(FakeRequest request, ServerState server) {
        ObjectNode body = bodyObject(request);
        for (Map.Entry<String, JsonNode> field : iterable(body)) {
            JsonNode current = server.settings.get(field.getKey());
            if (field.getKey().equals("Name")) {
                server.name = requiredText(body, "Name");
            } else if (current != null && !field.getValue().isNull()) {
                if (current.getNodeType() != field.getValue().getNodeType()) {
                    throw unprocessable(403, "Invalid request field(s) - " + field.getKey());
                }
                if (field.getKey().equals("TrackLinks") && !TRACK_LINKS.contains(field.getValue().asText())) {
                    throw unprocessable(300, "Invalid 'TrackLinks' value; use one of " + TRACK_LINKS + ".");
                }
                server.settings.set(field.getKey(), field.getValue());
            }
        }
        return ok(serverJson(server));
    }

    private ObjectNode serverJson(ServerState server) {
        ObjectNode json = object();
        json.put("ID", server.id);
        json.put("Name", server.name);
        ArrayNode tokens = json.putArray("ApiTokens");
        server.tokens.forEach(tokens::add);
        json.put("DeliveryType", server.deliveryType);
        json.put("ServerLink", "https://account.postmarkapp.com/servers/" + server.id + "/streams");
        json.put("InboundAddress", server.inboundHash + "@inbound.postmarkapp.com");
        json.put("InboundHash", server.inboundHash);
        json.setAll(server.settings);
        return json;
    }

    // ---- sending ------------------------------------------------------------------------------

    private FakeResponse sendEmail(FakeRequest request, ServerState server) {
        ObjectNode message = bodyObject(request);
        return ok(accept(message, validateEmail(message, server, true), server));
    }

    private FakeResponse sendBatch(FakeRequest request, ServerState server) {
        JsonNode body = body(request);
        if (!body.isArray()) {
            throw unprocessable(403, "Invalid request field(s): a batch is a JSON array of messages.");
        }
        checkBatchSize(body.size());
        ArrayNode results = PostmarkWire.JSON.createArrayNode();
        for (JsonNode message : body) {
            results.add(batchEntry(message, server, false));
        }
        return ok(results);
    }

    private FakeResponse sendWithTemplate(FakeRequest request, ServerState server) {
        ObjectNode message = bodyObject(request);
        return ok(acceptTemplated(message, server));
    }

    private FakeResponse sendBatchWithTemplates(FakeRequest request, ServerState server) {
        ObjectNode body = bodyObject(request);
        JsonNode messages = body.get("Messages");
        if (messages == null || !messages.isArray()) {
            throw unprocessable(403, "Invalid request field(s) - Messages: a JSON array of templated messages is required.");
        }
        checkBatchSize(messages.size());
        ArrayNode results = PostmarkWire.JSON.createArrayNode();
        for (JsonNode message : messages) {
            results.add(batchEntry(message, server, true));
        }
        return ok(results);
    }

    private ObjectNode batchEntry(JsonNode message, ServerState server, boolean templated) {
        try {
            if (!message.isObject()) {
                throw unprocessable(403, "Invalid request field(s): each message must be a JSON object.");
            }
            ObjectNode object = (ObjectNode) message;
            return templated ? acceptTemplated(object, server) : accept(object, validateEmail(object, server, true), server);
        } catch (PostmarkError e) {
            ObjectNode error = object();
            error.put("ErrorCode", e.errorCode());
            error.put("Message", e.getMessage());
            return error;
        }
    }

    private static void checkBatchSize(int size) {
        if (size > MAX_BATCH_SIZE) {
            throw unprocessable(410, "Too many batch messages: " + size + " given, at most " + MAX_BATCH_SIZE + " are allowed.");
        }
        if (size == 0) {
            throw unprocessable(300, "The batch is empty: provide at least one message.");
        }
    }

    private ObjectNode acceptTemplated(ObjectNode message, ServerState server) {
        JsonNode id = message.get("TemplateId");
        String alias = optionalText(message, "TemplateAlias");
        if ((id == null || id.isNull()) && alias == null) {
            throw unprocessable(1101, "Provide either 'TemplateId' or 'TemplateAlias'.");
        }
        JsonNode model = message.get("TemplateModel");
        if (model == null || !model.isObject()) {
            throw unprocessable(403, "Invalid request field(s) - TemplateModel: an object is required.");
        }
        TemplateState template = server.templates.stream()
                .filter(candidate -> id != null && !id.isNull() ? candidate.id == id.asLong() : alias.equalsIgnoreCase(candidate.alias))
                .findFirst()
                .orElseThrow(() -> unprocessable(1101, "The template was not found on this server."));
        Recipients recipients = validateEmail(message, server, false);
        return accept(message, recipients, server, render(template.subject, model), render(template.htmlBody, model),
                render(template.textBody, model));
    }

    private ObjectNode accept(ObjectNode message, Recipients recipients, ServerState server) {
        return accept(message, recipients, server, optionalText(message, "Subject"), optionalText(message, "HtmlBody"),
                optionalText(message, "TextBody"));
    }

    private ObjectNode accept(ObjectNode message, Recipients recipients, ServerState server, String subject, String html,
            String text) {
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        sent.add(Collections.unmodifiableMap(PostmarkWire.JSON.convertValue(message, new TypeReference<LinkedHashMap<String, Object>>() { })));
        if (server != null) {
            server.messages.add(new MessageState(messageId, message, recipients, subject, html, text, now));
        }
        ObjectNode response = object();
        response.put("To", optionalText(message, "To"));
        response.put("SubmittedAt", date(now));
        response.put("MessageID", messageId);
        response.put("ErrorCode", 0);
        response.put("Message", server == null ? "Test job accepted" : "OK");
        return response;
    }

    /** Postmark's /email rules; a null server is the test token (payload checks only). */
    private Recipients validateEmail(ObjectNode message, ServerState server, boolean requireBody) {
        String from = optionalText(message, "From");
        Address sender = PostmarkAddresses.parse(from)
                .orElseThrow(() -> unprocessable(300, "Invalid 'From' address: '" + (from == null ? "" : from) + "'."));
        String to = optionalText(message, "To");
        if (to == null || to.isBlank()) {
            throw unprocessable(300, "Zero recipients specified: provide at least one address in 'To'.");
        }
        Recipients recipients = new Recipients(sender, addresses(message, "To"), addresses(message, "Cc"), addresses(message, "Bcc"));
        if (requireBody && isBlank(optionalText(message, "HtmlBody")) && isBlank(optionalText(message, "TextBody"))) {
            throw unprocessable(300, "Provide either email TextBody or HtmlBody or both.");
        }
        String trackLinks = optionalText(message, "TrackLinks");
        if (trackLinks != null && !TRACK_LINKS.contains(trackLinks)) {
            throw unprocessable(300, "Invalid 'TrackLinks' value '" + trackLinks + "'; use one of " + TRACK_LINKS + ".");
        }
        if (server == null) {
            return recipients;
        }
        String stream = Optional.ofNullable(optionalText(message, "MessageStream")).orElse("outbound");
        if (server.streams.stream().noneMatch(candidate -> candidate.get("ID").asText().equalsIgnoreCase(stream))) {
            throw unprocessable(1235, "The message stream for the provided 'ID' was not found.");
        }
        if (enforceSenderSignatures) {
            checkSender(sender);
        }
        List<String> suppressed = recipients.all().stream().map(Address::email)
                .filter(email -> inactive.containsKey(email.toLowerCase(Locale.ROOT))).toList();
        if (!suppressed.isEmpty()) {
            throw unprocessable(406, "You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: "
                    + String.join(", ", suppressed) + ". Inactive recipients are ones that have generated a hard bounce, "
                    + "a spam complaint, or a manual suppression.");
        }
        return recipients;
    }

    private List<Address> addresses(ObjectNode message, String field) {
        String value = optionalText(message, field);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Address> result = new ArrayList<>();
        for (String part : PostmarkAddresses.split(value)) {
            result.add(PostmarkAddresses.parse(part)
                    .orElseThrow(() -> unprocessable(300, "Invalid '" + field + "' address: '" + part + "'.")));
        }
        if (result.size() > MAX_RECIPIENTS_PER_FIELD) {
            throw unprocessable(300, "Too many recipients in '" + field + "': " + result.size() + " given, at most "
                    + MAX_RECIPIENTS_PER_FIELD + " are allowed.");
        }
        return result;
    }

    private void checkSender(Address sender) {
        Optional<ObjectNode> signature = signatures.stream()
                .filter(candidate -> candidate.get("EmailAddress").asText().equalsIgnoreCase(sender.email())).findFirst();
        boolean verifiedDomain = domains.stream().anyMatch(domain -> domain.get("Name").asText().equalsIgnoreCase(sender.domain())
                && domain.get("DKIMVerified").asBoolean());
        if (verifiedDomain || signature.map(found -> found.get("Confirmed").asBoolean()).orElse(false)) {
            return;
        }
        if (signature.isPresent()) {
            throw unprocessable(401, "The sender signature for '" + sender.email() + "' has not been confirmed.");
        }
        throw unprocessable(400, "The 'From' address you supplied (" + sender.email() + ") is not a Sender Signature on your "
                + "account. Please add and confirm this address in order to be able to use it in the 'From' field of your messages.");
    }

    private static String render(String text, JsonNode model) {
        String result = text;
        for (Map.Entry<String, JsonNode> entry : iterable(model)) {
            if (entry.getValue().isValueNode()) {
                result = result.replace("{{" + entry.getKey() + "}}", entry.getValue().asText());
            }
        }
        return result;
    }

    // ---- templates, messages, bounces ---------------------------------------------------------

    private FakeResponse listTemplates(FakeRequest request, ServerState server) {
        Page page = page(request);
        String type = request.queryParam("TemplateType").orElse("All");
        List<TemplateState> matching = server.templates.stream()
                .filter(template -> type.equalsIgnoreCase("All") || type.equalsIgnoreCase(template.type)).toList();
        ObjectNode json = object();
        json.put("TotalCount", matching.size());
        ArrayNode items = json.putArray("Templates");
        for (TemplateState template : page.slice(matching)) {
            ObjectNode item = items.addObject();
            item.put("Active", template.active);
            item.put("TemplateId", template.id);
            item.put("Name", template.name);
            item.put("Alias", template.alias);
            item.put("TemplateType", template.type);
            item.putNull("LayoutTemplate");
        }
        return ok(json);
    }

    private static TemplateState template(ServerState server, String idOrAlias) {
        return server.templates.stream()
                .filter(template -> String.valueOf(template.id).equals(idOrAlias) || idOrAlias.equalsIgnoreCase(template.alias))
                .findFirst()
                .orElseThrow(() -> notFound(1101, "The template was not found."));
    }

    private static ObjectNode templateJson(TemplateState template, ServerState server) {
        ObjectNode json = object();
        json.put("Name", template.name);
        json.put("TemplateId", template.id);
        json.put("Alias", template.alias);
        json.put("Subject", template.subject);
        json.put("HtmlBody", template.htmlBody);
        json.put("TextBody", template.textBody);
        json.put("AssociatedServerId", server.id);
        json.put("Active", template.active);
        json.put("TemplateType", template.type);
        json.putNull("LayoutTemplate");
        return json;
    }

    private FakeResponse listMessages(FakeRequest request, ServerState server) {
        Page page = page(request);
        Predicate<MessageState> filter = message -> true;
        Optional<String> recipient = request.queryParam("recipient");
        if (recipient.isPresent()) {
            filter = filter.and(message -> message.recipients.all().stream()
                    .anyMatch(address -> address.email().toLowerCase(Locale.ROOT).contains(recipient.get().toLowerCase(Locale.ROOT))));
        }
        Optional<String> fromEmail = request.queryParam("fromemail");
        if (fromEmail.isPresent()) {
            filter = filter.and(message -> message.recipients.from().email().equalsIgnoreCase(fromEmail.get()));
        }
        filter = filter.and(textFilter(request, "tag", message -> message.text("Tag")));
        filter = filter.and(textFilter(request, "messagestream", MessageState::stream));
        Optional<String> status = request.queryParam("status");
        if (status.isPresent()) {
            filter = filter.and(message -> status.get().equalsIgnoreCase("sent"));
        }
        List<MessageState> matching = newestFirst(server.messages).stream().filter(filter).toList();
        ObjectNode json = object();
        json.put("TotalCount", matching.size());
        ArrayNode items = json.putArray("Messages");
        page.slice(matching).forEach(message -> items.add(messageJson(message, server, false)));
        return ok(json);
    }

    private FakeResponse messageDetails(FakeRequest request, ServerState server) {
        String id = request.pathParams().get("id");
        MessageState message = server.messages.stream().filter(candidate -> candidate.id.equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> notFound(701, "This message was not found."));
        return ok(messageJson(message, server, true));
    }

    private static ObjectNode messageJson(MessageState message, ServerState server, boolean details) {
        ObjectNode json = object();
        json.put("Tag", Optional.ofNullable(message.text("Tag")).orElse(""));
        json.put("MessageID", message.id);
        json.put("MessageStream", message.stream());
        addressList(json.putArray("To"), message.recipients.to());
        addressList(json.putArray("Cc"), message.recipients.cc());
        addressList(json.putArray("Bcc"), message.recipients.bcc());
        ArrayNode recipients = json.putArray("Recipients");
        message.recipients.all().forEach(address -> recipients.add(address.email()));
        json.put("ReceivedAt", date(message.receivedAt));
        json.put("From", message.text("From"));
        json.put("Subject", Optional.ofNullable(message.subject).orElse(""));
        ArrayNode attachments = json.putArray("Attachments");
        JsonNode sentAttachments = message.message.get("Attachments");
        if (sentAttachments != null && sentAttachments.isArray()) {
            sentAttachments.forEach(attachment -> attachments.add(attachment.path("Name").asText("")));
        }
        json.put("Status", "Sent");
        json.put("TrackOpens", message.message.path("TrackOpens").asBoolean(false));
        json.put("TrackLinks", Optional.ofNullable(message.text("TrackLinks")).orElse("None"));
        JsonNode metadata = message.message.get("Metadata");
        json.set("Metadata", metadata != null && metadata.isObject() ? metadata.deepCopy() : object());
        json.put("Sandboxed", server.deliveryType.equals("Sandbox"));
        if (details) {
            json.put("TextBody", Optional.ofNullable(message.text).orElse(""));
            json.put("HtmlBody", Optional.ofNullable(message.html).orElse(""));
            json.put("Body", "");
            ArrayNode events = json.putArray("MessageEvents");
            if (!server.deliveryType.equals("Sandbox")) {
                for (Address address : message.recipients.all()) {
                    ObjectNode event = events.addObject();
                    event.put("Recipient", address.email());
                    event.put("Type", "Delivered");
                    event.put("ReceivedAt", date(message.receivedAt));
                    ObjectNode eventDetails = event.putObject("Details");
                    eventDetails.put("DeliveryMessage", "Message delivered by the fake Postmark");
                    eventDetails.put("DestinationServer", "fake-mx.example");
                    eventDetails.put("DestinationIP", "127.0.0.1");
                }
            }
        }
        return json;
    }

    private static void addressList(ArrayNode target, List<Address> addresses) {
        for (Address address : addresses) {
            ObjectNode item = target.addObject();
            item.put("Email", address.email());
            item.put("Name", address.name());
        }
    }

    private FakeResponse listBounces(FakeRequest request, ServerState server) {
        Page page = page(request);
        Predicate<BounceState> filter = bounce -> true;
        filter = filter.and(textFilter(request, "type", bounce -> bounce.type));
        filter = filter.and(textFilter(request, "tag", bounce -> ""));
        filter = filter.and(textFilter(request, "messageID", bounce -> bounce.messageId));
        filter = filter.and(textFilter(request, "messagestream", bounce -> "outbound"));
        Optional<String> inactiveOnly = request.queryParam("inactive");
        if (inactiveOnly.isPresent()) {
            boolean wanted = Boolean.parseBoolean(inactiveOnly.get());
            filter = filter.and(bounce -> bounce.inactive == wanted);
        }
        Optional<String> email = request.queryParam("emailFilter");
        if (email.isPresent()) {
            filter = filter.and(bounce -> bounce.email.toLowerCase(Locale.ROOT).contains(email.get().toLowerCase(Locale.ROOT)));
        }
        List<BounceState> matching = newestFirst(server.bounces).stream().filter(filter).toList();
        ObjectNode json = object();
        json.put("TotalCount", matching.size());
        ArrayNode items = json.putArray("Bounces");
        page.slice(matching).forEach(bounce -> items.add(bounceJson(bounce, server, false)));
        return ok(json);
    }

    private static BounceState bounce(ServerState server, String id) {
        return server.bounces.stream().filter(bounce -> String.valueOf(bounce.id).equals(id)).findFirst()
                .orElseThrow(() -> notFound(701, "This bounce was not found."));
    }

    private static ObjectNode bounceJson(BounceState bounce, ServerState server, boolean withContent) {
        ObjectNode json = object();
        json.put("ID", bounce.id);
        json.put("Type", bounce.type);
        json.put("TypeCode", bounce.kind.code());
        json.put("Name", bounce.kind.name());
        json.put("Tag", "");
        json.put("MessageID", bounce.messageId);
        json.put("ServerID", server.id);
        json.put("MessageStream", "outbound");
        json.put("Description", bounce.kind.description());
        json.put("Details", "smtp;550 5.1.1 The email account that you tried to reach does not exist (fake)");
        json.put("Email", bounce.email);
        json.put("From", "sender@example.com");
        json.put("BouncedAt", date(bounce.bouncedAt));
        json.put("DumpAvailable", false);
        json.put("Inactive", bounce.inactive);
        json.put("CanActivate", bounce.inactive);
        json.put("Subject", "Hello");
        json.put("RecordType", "Bounce");
        if (withContent) {
            json.put("Content", "");
        }
        return json;
    }

    private FakeResponse activateBounce(FakeRequest request, ServerState server) {
        BounceState bounce = bounce(server, request.pathParams().get("id"));
        if (!bounce.inactive) {
            throw unprocessable(300, "This bounce is not inactive: there is nothing to activate.");
        }
        bounce.inactive = false;
        inactive.remove(bounce.email.toLowerCase(Locale.ROOT));
        ObjectNode json = object();
        json.put("Message", "OK");
        json.set("Bounce", bounceJson(bounce, server, false));
        return ok(json);
    }

    private FakeResponse deliveryStats(FakeRequest request, ServerState server) {
        ObjectNode json = object();
        json.put("InactiveMails", server.bounces.stream().filter(bounce -> bounce.inactive).count());
        ArrayNode bounces = json.putArray("Bounces");
        ObjectNode all = bounces.addObject();
        all.put("Name", "All");
        all.put("Count", server.bounces.size());
        Map<String, Integer> byType = new LinkedHashMap<>();
        server.bounces.forEach(bounce -> byType.merge(bounce.type, 1, Integer::sum));
        byType.forEach((type, count) -> {
            ObjectNode item = bounces.addObject();
            item.put("Type", type);
            item.put("Name", BOUNCE_KINDS.get(type).name());
            item.put("Count", count);
        });
        return ok(json);
    }

    // ---- streams, suppressions, stats, webhooks -----------------------------------------------

    private FakeResponse listStreams(FakeRequest request, ServerState server) {
        String type = request.queryParam("MessageStreamType").orElse("All");
        List<ObjectNode> matching = server.streams.stream()
                .filter(stream -> type.equalsIgnoreCase("All") || stream.get("MessageStreamType").asText().equalsIgnoreCase(type)
                        || (type.equalsIgnoreCase("Broadcasts") && stream.get("MessageStreamType").asText().equals("Broadcasts")))
                .toList();
        ObjectNode json = object();
        ArrayNode items = json.putArray("MessageStreams");
        matching.forEach(stream -> items.add(streamJson(stream, server)));
        json.put("TotalCount", matching.size());
        return ok(json);
    }

    private static ObjectNode stream(ServerState server, String id) {
        return server.streams.stream().filter(stream -> stream.get("ID").asText().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> notFound(1235, "The message stream for the provided 'ID' was not found."));
    }

    private static ObjectNode streamJson(ObjectNode stream, ServerState server) {
        ObjectNode json = stream.deepCopy();
        json.put("ServerID", server.id);
        return json;
    }

    private FakeResponse suppressions(FakeRequest request, ServerState server) {
        ObjectNode stream = stream(server, request.pathParams().get("stream"));
        ObjectNode json = object();
        ArrayNode items = json.putArray("Suppressions");
        if (!stream.get("MessageStreamType").asText().equals("Inbound")) {
            inactive.forEach((email, reason) -> {
                ObjectNode item = items.addObject();
                item.put("EmailAddress", email);
                item.put("SuppressionReason", reason);
                item.put("Origin", reason.equals("ManualSuppression") ? "Customer" : "Recipient");
                item.put("CreatedAt", date(Instant.now()));
            });
        }
        return ok(json);
    }

    private FakeResponse outboundStats(FakeRequest request, ServerState server) {
        int sentCount = server.messages.size();
        int bounced = server.bounces.size();
        ObjectNode json = object();
        json.put("Sent", sentCount);
        json.put("Bounced", bounced);
        json.put("SMTPApiErrors", 0);
        json.put("BounceRate", sentCount == 0 ? 0.0 : Math.round(bounced * 10000.0 / sentCount) / 100.0);
        json.put("SpamComplaints", 0);
        json.put("SpamComplaintsRate", 0.0);
        for (String zero : List.of("Opens", "UniqueOpens", "Tracked", "WithLinkTracking", "WithOpenTracking",
                "TotalTrackedLinksSent", "UniqueLinksClicked", "TotalClicks", "WithClientRecorded",
                "WithPlatformRecorded", "WithReadTimeRecorded")) {
            json.put(zero, 0);
        }
        return ok(json);
    }

    private FakeResponse listWebhooks(FakeRequest request, ServerState server) {
        Optional<String> stream = request.queryParam("MessageStream");
        ObjectNode json = object();
        ArrayNode items = json.putArray("Webhooks");
        server.webhooks.stream()
                .filter(webhook -> stream.isEmpty() || webhook.get("MessageStream").asText().equalsIgnoreCase(stream.get()))
                .forEach(webhook -> items.add(webhook.deepCopy()));
        return ok(json);
    }

    private FakeResponse createWebhook(FakeRequest request, ServerState server) {
        ObjectNode body = bodyObject(request);
        String url = requiredText(body, "Url");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw unprocessable(300, "Invalid 'Url': use an absolute http or https URL.");
        }
        String stream = Optional.ofNullable(optionalText(body, "MessageStream")).orElse("outbound");
        ObjectNode webhook = object();
        webhook.put("ID", webhookIds.incrementAndGet());
        webhook.put("Url", url);
        webhook.put("MessageStream", stream(server, stream).get("ID").asText());
        webhook.set("HttpAuth", body.has("HttpAuth") && body.get("HttpAuth").isObject() ? body.get("HttpAuth") : object());
        webhook.set("HttpHeaders", body.has("HttpHeaders") && body.get("HttpHeaders").isArray()
                ? body.get("HttpHeaders") : PostmarkWire.JSON.createArrayNode());
        ObjectNode triggers = webhook.putObject("Triggers");
        JsonNode given = body.path("Triggers");
        for (String trigger : List.of("Open", "Click", "Delivery", "Bounce", "SpamComplaint", "SubscriptionChange")) {
            ObjectNode item = triggers.putObject(trigger);
            item.put("Enabled", given.path(trigger).path("Enabled").asBoolean(false));
            if (trigger.equals("Open")) {
                item.put("PostFirstOpenOnly", given.path(trigger).path("PostFirstOpenOnly").asBoolean(false));
            }
            if (trigger.equals("Bounce") || trigger.equals("SpamComplaint")) {
                item.put("IncludeContent", given.path(trigger).path("IncludeContent").asBoolean(false));
            }
        }
        server.webhooks.add(webhook);
        return ok(webhook);
    }

    private static ObjectNode webhook(ServerState server, String id) {
        return server.webhooks.stream().filter(webhook -> webhook.get("ID").asText().equals(id)).findFirst()
                .orElseThrow(() -> notFound(1400, "The webhook was not found."));
    }

    private FakeResponse deleteWebhook(FakeRequest request, ServerState server) {
        ObjectNode webhook = webhook(server, request.pathParams().get("id"));
        server.webhooks.remove(webhook);
        ObjectNode json = object();
        json.put("ErrorCode", 0);
        json.put("Message", "Webhook " + webhook.get("ID").asText() + " removed.");
        return ok(json);
    }

    // ---- account: servers, senders, domains ---------------------------------------------------

    private FakeResponse listServers(FakeRequest request) {
        Page page = page(request);
        Optional<String> name = request.queryParam("name");
        List<ServerState> matching = servers.values().stream()
                .filter(server -> name.isEmpty() || server.name.toLowerCase(Locale.ROOT).contains(name.get().toLowerCase(Locale.ROOT)))
                .toList();
        ObjectNode json = object();
        json.put("TotalCount", matching.size());
        ArrayNode items = json.putArray("Servers");
        page.slice(matching).forEach(server -> items.add(serverJson(server)));
        return ok(json);
    }

    private ServerState serverById(String id) {
        return servers.values().stream().filter(server -> String.valueOf(server.id).equals(id)).findFirst()
                .orElseThrow(() -> notFound(600, "The server was not found."));
    }

    private FakeResponse createServerRoute(FakeRequest request) {
        ObjectNode body = bodyObject(request);
        String name = requiredText(body, "Name");
        String deliveryType = Optional.ofNullable(optionalText(body, "DeliveryType")).orElse("Live");
        if (!deliveryType.equals("Live") && !deliveryType.equals("Sandbox")) {
            throw unprocessable(300, "Invalid 'DeliveryType': use Live or Sandbox.");
        }
        ServerState server = createServer(name, deliveryType);
        for (Map.Entry<String, JsonNode> field : iterable(body)) {
            JsonNode current = server.settings.get(field.getKey());
            if (current != null && current.getNodeType() == field.getValue().getNodeType()) {
                server.settings.set(field.getKey(), field.getValue());
            }
        }
        return ok(serverJson(server));
    }

    private FakeResponse listSignatures(FakeRequest request) {
        Page page = page(request);
        ObjectNode json = object();
        json.put("TotalCount", signatures.size());
        ArrayNode items = json.putArray("SenderSignatures");
        for (ObjectNode signature : page.slice(signatures)) {
            ObjectNode item = items.addObject();
            for (String field : List.of("Domain", "EmailAddress", "ReplyToEmailAddress", "Name", "Confirmed", "ID")) {
                item.set(field, signature.get(field));
            }
        }
        return ok(json);
    }

    private ObjectNode signatureById(String id) {
        return signatures.stream().filter(signature -> signature.get("ID").asText().equals(id)).findFirst()
                .orElseThrow(() -> notFound(501, "The sender signature was not found."));
    }

    private FakeResponse createSignatureRoute(FakeRequest request) {
        ObjectNode body = bodyObject(request);
        String fromEmail = requiredText(body, "FromEmail");
        String name = requiredText(body, "Name");
        Address address = PostmarkAddresses.parse(fromEmail)
                .orElseThrow(() -> unprocessable(300, "Invalid 'FromEmail' address: '" + fromEmail + "'."));
        if (signatures.stream().anyMatch(signature -> signature.get("EmailAddress").asText().equalsIgnoreCase(address.email()))) {
            throw unprocessable(504, "This signature already exists.");
        }
        String replyTo = Optional.ofNullable(optionalText(body, "ReplyToEmail")).orElse("");
        return ok(createSignature(address.email(), name, replyTo, false));
    }

    private FakeResponse listDomains(FakeRequest request) {
        Page page = page(request);
        ObjectNode json = object();
        json.put("TotalCount", domains.size());
        ArrayNode items = json.putArray("Domains");
        for (ObjectNode domain : page.slice(domains)) {
            ObjectNode item = items.addObject();
            for (String field : List.of("Name", "SPFVerified", "DKIMVerified", "WeakDKIM", "ReturnPathDomainVerified", "ID")) {
                item.set(field, domain.get(field));
            }
        }
        return ok(json);
    }

    private ObjectNode domainById(String id) {
        return domains.stream().filter(domain -> domain.get("ID").asText().equals(id)).findFirst()
                .orElseThrow(() -> notFound(510, "The domain was not found."));
    }

    private FakeResponse createDomainRoute(FakeRequest request) {
        ObjectNode body = bodyObject(request);
        String name = requiredText(body, "Name");
        if (!name.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            throw unprocessable(300, "Invalid domain name: '" + name + "'.");
        }
        if (domains.stream().anyMatch(domain -> domain.get("Name").asText().equalsIgnoreCase(name))) {
            throw unprocessable(503, "This domain already exists.");
        }
        return ok(createDomain(name, Optional.ofNullable(optionalText(body, "ReturnPathDomain")).orElse("")));
    }

    private FakeResponse verifyDkim(FakeRequest request) {
        ObjectNode domain = domainById(request.pathParams().get("id"));
        // the fake's DNS is always right: verifying succeeds
        domain.put("DKIMVerified", true);
        domain.put("DKIMUpdateStatus", "Verified");
        return ok(domain);
    }

    // ---- state --------------------------------------------------------------------------------

    private ServerState createServer(String name, String deliveryType) {
        ServerState server = new ServerState(serverIds.incrementAndGet(), name, deliveryType, UUID.randomUUID().toString());
        servers.put(server.id, server);
        serversByToken.put(key(server.tokens.get(0)), server);
        return server;
    }

    private ObjectNode createSignature(String email, String name, String replyTo, boolean confirmed) {
        ObjectNode signature = object();
        signature.put("Domain", email.substring(email.indexOf('@') + 1));
        signature.put("EmailAddress", email);
        signature.put("ReplyToEmailAddress", replyTo);
        signature.put("Name", name);
        signature.put("Confirmed", confirmed);
        signature.put("SPFVerified", confirmed);
        signature.put("DKIMVerified", confirmed);
        signature.put("ReturnPathDomain", "");
        signature.put("ReturnPathDomainVerified", false);
        signature.put("ID", signatureIds.incrementAndGet());
        signatures.add(signature);
        return signature;
    }

    private ObjectNode createDomain(String name, String returnPathDomain) {
        ObjectNode domain = object();
        domain.put("Name", name);
        domain.put("SPFVerified", false);
        domain.put("SPFHost", name);
        domain.put("SPFTextValue", "v=spf1 a mx include:spf.mtasv.net ~all");
        domain.put("DKIMVerified", false);
        domain.put("WeakDKIM", false);
        domain.put("DKIMHost", "");
        domain.put("DKIMTextValue", "");
        domain.put("DKIMPendingHost", "20260101000000pm._domainkey." + name);
        domain.put("DKIMPendingTextValue", "k=rsa;p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCFAKE");
        domain.put("DKIMRevokedHost", "");
        domain.put("DKIMRevokedTextValue", "");
        domain.put("SafeToRemoveRevokedKeyFromDNS", false);
        domain.put("DKIMUpdateStatus", "Pending");
        domain.put("ReturnPathDomain", returnPathDomain);
        domain.put("ReturnPathDomainVerified", false);
        domain.put("ReturnPathDomainCNAMEValue", "pm.mtasv.net");
        domain.put("ID", domainIds.incrementAndGet());
        domains.add(domain);
        return domain;
    }

    private ServerState state(Server server) {
        requireNonNull(server, "server is null");
        ServerState state = servers.get(server.id());
        if (state == null) {
            throw new IllegalArgumentException("no such server in this fake: " + server.id());
        }
        return state;
    }

    // ---- request helpers ----------------------------------------------------------------------

    private static String key(String token) {
        return token.trim().toLowerCase(Locale.ROOT);
    }

    // ---- standalone ---------------------------------------------------------------------------

    /** The {@code --port N} (or {@code --port=N}) argument, 8081 without one. */
    static int port(String[] args) {
        int port = 8081;
        for (int i = 0; i < args.length; i++) {
            String value;
            if (args[i].equals("--port") && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--port=")) {
                value = args[i].substring("--port=".length());
            } else {
                throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
            try {
                port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port needs a number: " + value);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be 0..65535: " + port);
            }
        }
        return port;
    }

    /**
     * Runs the fake until interrupted: {@code --port N} (default 8081). Seeds one server (with a
     * template, a bounce), one account token, a sender signature and a domain, and prints the base
     * URL and the fake tokens.
     */
    public static void main(String[] args) throws InterruptedException {
        int port;
        try {
            port = port(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: FakePostmark [--port N]   (default 8081)");
            System.exit(2);
            return;
        }
        FakePostmark fake = FakePostmark.start(port);
        Demo demo = fake.seedDemo();
        Server server = demo.server();
        String accountToken = demo.accountToken();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            stopped.countDown();
        }, "fake-postmark-shutdown"));
        // fake tokens, printed on purpose: this is a demo server with nothing behind it
        System.out.println("Fake Postmark listening on " + fake.baseUri());
        System.out.println("  server \"" + server.name() + "\" (ID " + server.id() + "), " + SERVER_TOKEN_HEADER + ": "
                + server.serverToken());
        System.out.println("  " + ACCOUNT_TOKEN_HEADER + ": " + accountToken);
        System.out.println("  test token: " + TEST_TOKEN);
        System.out.println("  try: curl -H 'Accept: application/json' -H '" + SERVER_TOKEN_HEADER + ": "
                + server.serverToken() + "' " + fake.baseUri() + "/server");
        System.out.println("Ctrl-C to stop.");
        stopped.await();
    }
}
