package org.connectorhub.hub.providerevents;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.activity.ActivityWriter;
import org.connectorhub.hub.health.HealthRecheckScheduler;
import org.connectorhub.hub.http.PublicUrl;
import org.connectorhub.hub.webhooks.WebhookReceiver;
import org.connectorhub.hub.webhooks.WebhookSignature;
import org.connectorhub.hub.webhooks.WebhookTestKit;
import org.connectorhub.testkit.LogCapture;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.connectorhub.testkit.postmark.FakePostmarkEvent;
import org.connectorhub.testkit.postmark.FakePostmarkWebhookAttempt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 21 over real HTTP: the hub sets up Postmark's webhooks on the fake, the fake fires each
 * event kind at the hub's receiver, and the platform's loopback receiver gets the normalised,
 * signed events; duplicates, wrong passwords, unlink, repair after a re-check and outages.
 */
class ProviderEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> ALL_TRIGGERS = List.of("bounce", "delivery", "spam_complaint", "subscription_change",
            "open", "click");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final int BODY_LIMIT = 256 * 1024;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.configured((postmark, dataDir) ->
            WebhookTestKit.builder(postmark, dataDir, null)
                    .set("HUB_PROVIDER_EVENTS_ALLOW_PRIVATE", "true")
                    .set("HUB_PROVIDER_EVENTS_POLL_INTERVAL", "20ms")
                    .set("HUB_PROVIDER_EVENTS_RETRY_BASE", "50ms")
                    // a limit the oversized-body check can pass without racing the server's close
                    .set("HUB_MAX_BODY_BYTES", String.valueOf(BODY_LIMIT))
                    .build());

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;

    WebhookReceiver receiver;
    String apiKey;
    String secret;
    String endpointId;

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
    }

    @BeforeEach
    void project() {
        receiver = WebhookReceiver.start();
        apiKey = WebhookTestKit.newProject(hub);
        Response created = WebhookTestKit.addEndpoint(api, apiKey, receiver.url());
        secret = created.json().path("secret").asText();
        endpointId = created.json().path("id").asText();
        Response saved = api.put("/v1/provider_events", apiKey, Map.of("postmark", Map.of("triggers", ALL_TRIGGERS,
                "inbound", true, "message_streams", List.of("outbound"))));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void enablingEventsCreatesTheWebhookWithOurUrlAuthAndTriggersAndTheInboundHook() {
        FakePostmark.Server server = postmark.addServer("Enable");
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-enable", server.serverToken());
        JsonNode webhook = awaitWebhook(server);

        String callback = hub.instance(PublicUrl.class).base() + "/v1/provider_events/postmark/" + accountId;
        assertThat(webhook.path("Url").asText()).isEqualTo(callback);
        assertThat(webhook.path("MessageStream").asText()).isEqualTo("outbound");
        assertThat(webhook.path("HttpAuth").path("Username").asText()).startsWith("hub_");
        assertThat(webhook.path("HttpAuth").path("Password").asText()).hasSizeGreaterThan(20);
        for (String trigger : List.of("Bounce", "Delivery", "SpamComplaint", "SubscriptionChange", "Open", "Click")) {
            assertThat(webhook.path("Triggers").path(trigger).path("Enabled").asBoolean()).as(trigger).isTrue();
        }
        String inbound = await().atMost(WAIT).until(() -> fakeServer(server).path("InboundHookUrl").asText(""),
                url -> !url.isEmpty());
        URI inboundUri = URI.create(inbound);
        assertThat(inboundUri.getPath()).isEqualTo(URI.create(callback).getPath());
        assertThat(inboundUri.getUserInfo()).isEqualTo(webhook.path("HttpAuth").path("Username").asText() + ":"
                + webhook.path("HttpAuth").path("Password").asText());
        // the account's view of it
        JsonNode status = await().atMost(WAIT).until(() -> api.get("/v1/accounts/" + accountId + "/provider_events", apiKey)
                .json(), json -> json.path("state").asText().equals("active"));
        assertThat(status.path("enabled").asBoolean()).isTrue();
        assertThat(status.path("hook_ids").get(0).asText()).isEqualTo(webhook.path("ID").asText());
        assertThat(api.get("/v1/accounts/acc_missing/provider_events", apiKey).status()).isEqualTo(404);
        // the settings read back as saved
        Response settings = api.get("/v1/provider_events", apiKey);
        assertThat(settings.json().path("postmark").path("triggers")).hasSize(6);
        assertThat(settings.json().path("postmark").path("inbound").asBoolean()).isTrue();
    }

    @Test
    void eachOfTheSevenKindsReachesThePlatformNormalisedAndSigned() {
        FakePostmark.Server server = postmark.addServer("Seven");
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-seven", server.serverToken());
        awaitWebhook(server);
        await().atMost(WAIT).until(() -> !fakeServer(server).path("InboundHookUrl").asText("").isEmpty());

        List<FakePostmarkEvent> events = List.of(
                FakePostmarkEvent.bounce("ana@example.net").withTag("invoice").withMetadata(Map.of("invoice_id", "INV-42")),
                FakePostmarkEvent.delivery("ana@example.net"),
                FakePostmarkEvent.open("ana@example.net"),
                FakePostmarkEvent.click("ana@example.net", "https://acme.test/pay"),
                FakePostmarkEvent.spamComplaint("bo@example.net"),
                FakePostmarkEvent.subscriptionChange("ana@example.net", true),
                FakePostmarkEvent.inbound("bo@example.net", "abc+t-9@inbound.postmarkapp.com")
                        .withAttachment("notes.txt", "text/plain", "secret notes".getBytes(UTF_8)));
        for (FakePostmarkEvent event : events) {
            List<FakePostmarkWebhookAttempt> attempts = postmark.fire(server, event);
            assertThat(attempts).as(event.kind().toString()).isNotEmpty().allMatch(FakePostmarkWebhookAttempt::delivered);
        }

        Map<String, JsonNode> byType = new LinkedHashMap<>();
        await().atMost(WAIT).until(() -> {
            byType.clear();
            for (WebhookReceiver.Received received : emailEvents(accountId)) {
                byType.put(received.type(), received.json());
            }
            return byType.size() == 7;
        });
        assertThat(byType.keySet()).containsExactly("email.bounced", "email.delivered", "email.opened", "email.clicked",
                "email.spam_complaint", "email.subscription_changed", "email.inbound");
        for (WebhookReceiver.Received received : emailEvents(accountId)) {
            assertThat(WebhookSignature.verify(secret, received.header("ConnectorHub-Signature"), received.body(),
                    Duration.ofMinutes(5), Instant.now())).as(received.type()).isTrue();
        }

        JsonNode bounced = byType.get("email.bounced").path("data");
        assertThat(bounced.path("account_id").asText()).isEqualTo(accountId);
        assertThat(bounced.path("origin_owner_id").asText()).isEqualTo("owner-seven");
        assertThat(bounced.path("recipient").asText()).isEqualTo("ana@example.net");
        assertThat(bounced.path("tag").asText()).isEqualTo("invoice");
        assertThat(bounced.path("metadata").path("invoice_id").asText()).isEqualTo("INV-42");
        assertThat(bounced.path("message_stream").asText()).isEqualTo("outbound");
        assertThat(bounced.path("message_id").asText()).isNotEmpty();
        assertThat(bounced.path("occurred_at").asText()).endsWith("Z");
        assertThat(bounced.path("bounce").path("type").asText()).isEqualTo("HardBounce");
        assertThat(bounced.path("bounce").path("type_code").asInt()).isEqualTo(1);
        assertThat(bounced.path("bounce").path("hard").asBoolean()).isTrue();
        assertThat(bounced.path("bounce").has("can_activate")).isTrue();
        assertThat(bounced.path("bounce").path("description").asText()).isNotEmpty();
        assertThat(bounced.path("raw").path("RecordType").asText()).isEqualTo("Bounce");

        assertThat(byType.get("email.clicked").path("data").path("link").asText()).isEqualTo("https://acme.test/pay");
        JsonNode changed = byType.get("email.subscription_changed").path("data");
        assertThat(changed.path("suppress_sending").asBoolean()).isTrue();
        assertThat(changed.path("reason").asText()).isEqualTo("ManualSuppression");
        assertThat(changed.path("origin").asText()).isEqualTo("Recipient");
        assertThat(byType.get("email.spam_complaint").path("data").path("recipient").asText()).isEqualTo("bo@example.net");
        assertThat(byType.get("email.delivered").path("data").path("recipient").asText()).isEqualTo("ana@example.net");
        assertThat(byType.get("email.opened").path("data").path("first_open").asBoolean()).isTrue();

        JsonNode inbound = byType.get("email.inbound").path("data");
        assertThat(inbound.path("from").path("email").asText()).isEqualTo("bo@example.net");
        assertThat(inbound.path("to").get(0).path("email").asText()).isEqualTo("abc+t-9@inbound.postmarkapp.com");
        assertThat(inbound.path("subject").asText()).isEqualTo("Re: hello");
        assertThat(inbound.path("text").asText()).isEqualTo("Thanks!");
        assertThat(inbound.path("html").asText()).contains("Thanks!");
        JsonNode attachment = inbound.path("attachments").get(0);
        assertThat(attachment.path("name").asText()).isEqualTo("notes.txt");
        assertThat(attachment.path("content_type").asText()).isEqualTo("text/plain");
        assertThat(attachment.path("size").asInt()).isEqualTo(12);
        // content only with include_attachments, in the normalised fields and in raw alike
        String encoded = Base64.getEncoder().encodeToString("secret notes".getBytes(UTF_8));
        assertThat(byType.get("email.inbound").toString()).doesNotContain(encoded);

        // each event is in the account's activity log
        hub.instance(ActivityWriter.class).flush();
        Response log = api.get("/v1/logs?account_id=" + accountId, apiKey);
        List<String> kinds = new ArrayList<>();
        log.json().path("data").forEach(entry -> kinds.add(entry.path("kind").asText() + ":" + entry.path("action").asText()));
        assertThat(kinds).contains("provider_event:email.bounced", "provider_event:email.inbound");
    }

    @Test
    void theSameEventDeliveredTwiceIsOnePlatformEvent() {
        FakePostmark.Server server = postmark.addServer("Twice");
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-twice", server.serverToken());
        awaitWebhook(server);
        FakePostmarkEvent delivery = FakePostmarkEvent.delivery("dup@example.net");
        assertThat(postmark.fire(server, delivery)).allMatch(FakePostmarkWebhookAttempt::delivered);
        assertThat(postmark.fire(server, delivery)).allMatch(FakePostmarkWebhookAttempt::delivered);
        // a later event of the same account arrives after the duplicate would have: ordering per account
        FakePostmarkEvent sentinel = FakePostmarkEvent.bounce("sentinel@example.net");
        postmark.fire(server, sentinel);
        await().atMost(WAIT).until(() -> emailEvents(accountId).stream().anyMatch(r -> r.type().equals("email.bounced")));
        assertThat(emailEvents(accountId).stream().filter(r -> r.type().equals("email.delivered")).count()).isEqualTo(1);
    }

    @Test
    void aWrongOrMissingPasswordIsRefusedAndHostileInputIsAClear4xx() throws Exception {
        FakePostmark.Server server = postmark.addServer("Hostile");
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-hostile", server.serverToken());
        JsonNode webhook = awaitWebhook(server);
        String user = webhook.path("HttpAuth").path("Username").asText();
        String password = webhook.path("HttpAuth").path("Password").asText();
        String body = "{\"RecordType\":\"Delivery\",\"MessageID\":\"m-1\",\"Recipient\":\"x@example.net\","
                + "\"DeliveredAt\":\"2026-03-02T09:14:58Z\",\"MessageStream\":\"outbound\"}";

        HttpResponse<String> wrong = post(accountId, basic(user, password + "x"), body);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(post(accountId, null, body).statusCode()).isEqualTo(401);
        assertThat(post(accountId, basic(user + "x", password), body).statusCode()).isEqualTo(401);
        assertThat(post("acc_nosuchaccount", basic(user, password), body).statusCode()).isEqualTo(401);
        HttpResponse<String> broken = post(accountId, basic(user, password), "{\"RecordType\":");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(post(accountId, basic(user, password), "[1,2]").statusCode()).isEqualTo(400);
        // over the limit, but small enough for loopback's buffers to take whole (the 10 MB default raced
        // the server closing the connection the client was still writing to). On a loaded machine the
        // close can still beat the answer: a reset connection is retried, as a client would; the answer
        // must be a 413 every time one arrives
        HttpResponse<String> huge = postRetryingAReset(accountId, basic(user, password),
                "{\"x\":\"" + "a".repeat(BODY_LIMIT + 1024) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        // an unknown record type with valid credentials is kept, not lost
        HttpResponse<String> unknown = post(accountId, basic(user, password),
                "{\"RecordType\":\"SomethingNew\",\"MessageID\":\"m-9\",\"MessageStream\":\"outbound\"}");
        assertThat(unknown.statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> emailEvents(accountId).stream().anyMatch(r -> r.type().equals("email.unknown")));
        List<WebhookReceiver.Received> all = emailEvents(accountId);
        assertThat(all).extracting(WebhookReceiver.Received::type).containsExactly("email.unknown");
        assertThat(all.get(0).json().path("data").path("raw").path("RecordType").asText()).isEqualTo("SomethingNew");
        // the valid delivery sent with wrong credentials was never stored: now sent right, it is new
        HttpResponse<String> right = post(accountId, basic(user, password), body);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).contains("\"duplicate\":false");
    }

    @Test
    void unlinkRemovesTheWebhookAndTheInboundHook() {
        FakePostmark.Server server = postmark.addServer("Unlink");
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-unlink", server.serverToken());
        awaitWebhook(server);
        await().atMost(WAIT).until(() -> !fakeServer(server).path("InboundHookUrl").asText("").isEmpty());
        // a webhook of the platform's own is never touched
        createWebhook(server, "https://platform.example/own-hook");

        assertThat(api.delete("/v1/accounts/" + accountId, apiKey).status()).isEqualTo(204);

        await().atMost(WAIT).until(() -> webhooks(server).size() == 1);
        assertThat(webhooks(server).get(0).path("Url").asText()).isEqualTo("https://platform.example/own-hook");
        await().atMost(WAIT).until(() -> fakeServer(server).path("InboundHookUrl").asText("").isEmpty());
    }

    @Test
    void aWebhookDeletedBehindOurBackIsRecreatedByTheNextRecheckAndVerify() {
        FakePostmark.Server server = postmark.addServer("Repair");
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-repair", server.serverToken());
        JsonNode first = awaitWebhook(server);
        await().until(() -> api.get("/v1/accounts/" + accountId, apiKey).json().path("status").asText().equals("active"));

        // the scheduled re-check
        deleteWebhook(server, first.path("ID").asLong());
        assertThat(webhooks(server)).isEmpty();
        hub.instance(HealthRecheckScheduler.class).runOnce(Instant.now().plus(Duration.ofDays(3)));
        JsonNode second = awaitWebhook(server);
        assertThat(second.path("ID").asLong()).isNotEqualTo(first.path("ID").asLong());
        await().atMost(WAIT).until(() -> reasonCodes(accountId).contains("provider_events_repaired"));
        await().atMost(WAIT).until(() -> receiver.accepted().stream()
                .anyMatch(r -> r.type().equals("account.updated") && r.text().contains("provider_events_repaired")));

        // POST /v1/accounts/{id}/verify
        deleteWebhook(server, second.path("ID").asLong());
        assertThat(api.post("/v1/accounts/" + accountId + "/verify", apiKey, Map.of()).status()).isEqualTo(200);
        JsonNode third = awaitWebhook(server);
        assertThat(third.path("ID").asLong()).isNotEqualTo(second.path("ID").asLong());
        await().atMost(WAIT).until(() -> reasonCodes(accountId).contains("provider_events_repaired"));
        assertThat(api.get("/v1/accounts/" + accountId, apiKey).json().path("status").asText()).isEqualTo("active");
    }

    @Test
    void aLinkDuringAPostmarkOutageStillLinksAndSetsTheWebhookUpLater() {
        FakePostmark.Server server = postmark.addServer("Outage");
        postmark.http().faults().add("POST", "/webhooks", Fault.status(503).times(3));
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-outage", server.serverToken());
        JsonNode webhook = awaitWebhook(server);
        assertThat(webhook.path("Url").asText()).endsWith("/v1/provider_events/postmark/" + accountId);
        long posts = postmark.http().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/webhooks")).count();
        assertThat(posts).isGreaterThanOrEqualTo(4);
        assertThat(api.get("/v1/accounts/" + accountId, apiKey).json().path("status").asText()).isEqualTo("active");
    }

    @Test
    void noWebhookPasswordOrTokenInAnyAnswerOrLogAndTheProxyRedactsThem() throws Exception {
        FakePostmark.Server server = postmark.addServer("Leak");
        LogCapture logs = LogCapture.start();
        String leaked;
        try {
            postmark.http().faults().add("POST", "/webhooks", Fault.status(503).times(1));
            String first = WebhookTestKit.linkAccount(api, apiKey, "owner-leak", server.serverToken());
            JsonNode hook = awaitWebhook(server);
            await().atMost(WAIT).until(() -> !fakeServer(server).path("InboundHookUrl").asText("").isEmpty());
            leaked = hook.path("HttpAuth").path("Password").asText();
            String user = hook.path("HttpAuth").path("Username").asText();
            assertThat(post(first, basic(user, leaked + "x"), "{}").statusCode()).isEqualTo(401);
            assertThat(postmark.fire(server, FakePostmarkEvent.delivery("leak@example.net")))
                    .allMatch(FakePostmarkWebhookAttempt::delivered);
            assertThat(postmark.fire(server, FakePostmarkEvent.inbound("leak@example.net", "in@inbound.postmarkapp.com")))
                    .allMatch(FakePostmarkWebhookAttempt::delivered);
            await().atMost(WAIT).until(() -> emailEvents(first).size() == 2);
            api.delete("/v1/accounts/" + first, apiKey);
            await().atMost(WAIT).until(() -> webhooks(server).isEmpty());
        } finally {
            logs.close();
        }
        String firstPassword = leaked;
        assertThat(logs.text()).doesNotContain(firstPassword).doesNotContain(server.serverToken());
        assertThat(receiver.accepted().stream().map(WebhookReceiver.Received::text).toList())
                .noneMatch(text -> text.contains(firstPassword) || text.contains(server.serverToken()));

        // the account is gone: a new link to look at the proxy's answers
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-leak", server.serverToken());
        JsonNode webhook = awaitWebhook(server);
        await().atMost(WAIT).until(() -> !fakeServer(server).path("InboundHookUrl").asText("").isEmpty());
        String password = webhook.path("HttpAuth").path("Password").asText();

        Response hooks = api.get("/v1/accounts/" + accountId + "/proxy/webhooks", apiKey);
        assertThat(hooks.status()).isEqualTo(200);
        assertThat(hooks.json().path("Webhooks").get(0).path("Url").asText()).endsWith(accountId);
        assertThat(hooks.json().path("Webhooks").get(0).path("HttpAuth").path("Password").asText()).isEqualTo("[redacted]");
        Response details = api.get("/v1/accounts/" + accountId + "/proxy/server", apiKey);
        assertThat(details.status()).isEqualTo(200);
        String inbound = details.json().path("InboundHookUrl").asText();
        assertThat(inbound).endsWith("/v1/provider_events/postmark/" + accountId);
        assertThat(URI.create(inbound).getUserInfo()).isNull();
        api.get("/v1/provider_events", apiKey);
        api.get("/v1/accounts/" + accountId, apiKey);

        assertThat(api.everything()).doesNotContain(password).doesNotContain(server.serverToken());
    }

    @Test
    void anAccountCanTurnItsEventsOffOnLinkAndBackOnAndOffWithPatch() {
        FakePostmark.Server server = postmark.addServer("OptOut");
        Map<String, Object> link = new LinkedHashMap<>(WebhookTestKit.link("owner-optout", server.serverToken()));
        link.put("provider_events", false);
        Response linked = api.post("/v1/accounts", apiKey, link);
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        String accountId = linked.json().path("id").asText();
        ProviderEventStore store = hub.instance(ProviderEventStore.class);
        await().atMost(WAIT).until(() -> store.find(accountId).map(Subscription::state).orElse("").equals(Subscription.OFF));
        assertThat(webhooks(server)).isEmpty();

        assertThat(api.patch("/v1/accounts/" + accountId, apiKey, Map.of("provider_events", true), Map.of()).status())
                .isEqualTo(200);
        awaitWebhook(server);
        assertThat(api.patch("/v1/accounts/" + accountId, apiKey, Map.of("provider_events", false), Map.of()).status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> webhooks(server).isEmpty());
        assertThat(api.patch("/v1/accounts/" + accountId, apiKey, Map.of("provider_events", "no"), Map.of()).status())
                .isEqualTo(400);
    }

    @Test
    void theLimitPerStreamIsAWarningAndARefusalIsAReasonNeitherFailsTheLink() {
        FakePostmark.Server limited = postmark.addServer("Limited");
        postmark.webhookSettings().limitPerStream(0);
        String limitedId;
        try {
            limitedId = WebhookTestKit.linkAccount(api, apiKey, "owner-limited", limited.serverToken());
            await().atMost(WAIT).until(() -> reasonCodes(limitedId).contains("provider_events_warning"));
        } finally {
            postmark.webhookSettings().limitPerStream(10);
        }
        JsonNode account = api.get("/v1/accounts/" + limitedId, apiKey).json();
        assertThat(account.path("status").asText()).isEqualTo("active");
        assertThat(account.path("status_reasons").toString()).contains("limit");

        FakePostmark.Server refusing = postmark.addServer("Refusing");
        postmark.http().faults().add("POST", "/webhooks", FakePostmark.errorFault(422, 1354, "Invalid Url.").times(1));
        String refusedId = WebhookTestKit.linkAccount(api, apiKey, "owner-refused", refusing.serverToken());
        await().atMost(WAIT).until(() -> reasonCodes(refusedId).contains("provider_events_failed"));
        assertThat(api.get("/v1/accounts/" + refusedId, apiKey).json().path("status").asText()).isEqualTo("active");
        JsonNode status = api.get("/v1/accounts/" + refusedId + "/provider_events", apiKey).json();
        assertThat(status.path("state").asText()).isEqualTo("failed");
        assertThat(status.path("last_error").asText()).contains("1354");
        // the next re-verification tries again, and succeeds
        assertThat(api.post("/v1/accounts/" + refusedId + "/verify", apiKey, Map.of()).status()).isEqualTo(200);
        awaitWebhook(refusing);
    }

    @Test
    void aTestTokenAccountSaysItCannotHaveWebhooks() {
        Response linked = api.post("/v1/accounts", apiKey, WebhookTestKit.link("owner-test", FakePostmark.TEST_TOKEN));
        assertThat(linked.status()).isEqualTo(201);
        assertThat(linked.json().path("warnings").toString()).contains("webhooks");
        String accountId = linked.json().path("id").asText();
        await().atMost(WAIT).until(() -> reasonCodes(accountId).contains("provider_events_unsupported"));
    }

    // ---- helpers

    private List<WebhookReceiver.Received> emailEvents(String accountId) {
        return receiver.accepted().stream()
                .filter(r -> r.type().startsWith("email.") && r.json().path("data").path("account_id").asText().equals(accountId))
                .toList();
    }

    private List<String> reasonCodes(String accountId) {
        List<String> codes = new ArrayList<>();
        api.get("/v1/accounts/" + accountId, apiKey).json().path("status_reasons")
                .forEach(reason -> codes.add(reason.path("code").asText()));
        return codes;
    }

    private static JsonNode awaitWebhook(FakePostmark.Server server) {
        return await().atMost(WAIT).until(() -> webhooks(server), hooks -> !hooks.isEmpty()).get(0);
    }

    private static List<JsonNode> webhooks(FakePostmark.Server server) {
        List<JsonNode> hooks = new ArrayList<>();
        fake("GET", server, "/webhooks", null).path("Webhooks").forEach(hooks::add);
        return hooks;
    }

    private static JsonNode fakeServer(FakePostmark.Server server) {
        return fake("GET", server, "/server", null);
    }

    private static void deleteWebhook(FakePostmark.Server server, long id) {
        fake("DELETE", server, "/webhooks/" + id, null);
    }

    private static void createWebhook(FakePostmark.Server server, String url) {
        fake("POST", server, "/webhooks", "{\"Url\":\"" + url + "\",\"Triggers\":{\"Delivery\":{\"Enabled\":true}}}");
    }

    private static JsonNode fake(String method, FakePostmark.Server server, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(postmark.baseUri() + path))
                .header("X-Postmark-Server-Token", server.serverToken())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return HubClient.JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
    }

    private static HttpResponse<String> postRetryingAReset(String accountId, String authorization, String body)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return post(accountId, authorization, body);
            } catch (java.io.IOException reset) {
                if (attempt == 3) {
                    throw reset;
                }
            }
        }
    }

    private static HttpResponse<String> post(String accountId, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/provider_events/postmark/"
                        + accountId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
