package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.connectorhub.testkit.postmark.FakePostmark.Server;
import org.connectorhub.testkit.postmark.FakePostmarkWebhookSettings.RetryPolicy;
import org.connectorhub.testkit.postmark.LoopbackReceiver.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Events fired by the fake reach a loopback receiver as Postmark sends them: shapes, auth, routing, retries. */
class FakePostmarkEventsTest {
    private static final String ALL_TRIGGERS = "{\"Open\":{\"Enabled\":true},\"Click\":{\"Enabled\":true},"
            + "\"Delivery\":{\"Enabled\":true},\"Bounce\":{\"Enabled\":true},\"SpamComplaint\":{\"Enabled\":true},"
            + "\"SubscriptionChange\":{\"Enabled\":true}}";

    private FakePostmark fake;
    private PostmarkHttp http;
    private Server server;
    private LoopbackReceiver receiver;

    @BeforeEach
    void start() {
        fake = FakePostmark.start();
        http = new PostmarkHttp(fake.baseUri());
        server = fake.addServer("Main");
        receiver = LoopbackReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
        fake.close();
    }

    private long webhook(String path, String stream, String triggers) {
        PostmarkHttp.Reply reply = http.server("POST", "/webhooks", server.serverToken(), "{\"Url\":\"" + receiver.url(path)
                + "\",\"MessageStream\":\"" + stream + "\",\"HttpAuth\":{\"Username\":\"pm\",\"Password\":\"s3cret\"},"
                + "\"HttpHeaders\":[{\"Name\":\"X-Env\",\"Value\":\"stg\"}],\"Triggers\":" + triggers + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("ID").asLong();
    }

    private JsonNode only(List<FakePostmarkWebhookAttempt> attempts) {
        assertThat(attempts).singleElement().satisfies(attempt -> assertThat(attempt.status()).isEqualTo(200));
        assertThat(receiver.received()).hasSize(1);
        return receiver.received().get(0).json();
    }

    @Test
    void aBounceIsPostedWithBasicAuthHeadersAndPostmarksFields() {
        long id = webhook("/pm", "outbound", "{\"Bounce\":{\"Enabled\":true}}");
        FakePostmarkEvent bounce = FakePostmarkEvent.bounce("ana@example.net").withTag("invoice")
                .withMetadata(Map.of("invoice_id", "INV-42")).withOccurredAt(Instant.parse("2026-03-02T09:15:04.1234567Z"));

        List<FakePostmarkWebhookAttempt> attempts = fake.fire(server, bounce);

        Received request = receiver.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/pm");
        assertThat(request.basicCredentials()).hasValue("pm:s3cret");
        assertThat(request.header("X-Env")).hasValue("stg");
        assertThat(request.header("Content-Type")).hasValue("application/json");
        assertThat(request.header("X-PM-Webhook-Trace-Id")).hasValue(bounce.traceId());
        JsonNode json = only(attempts);
        assertThat(json.get("RecordType").asText()).isEqualTo("Bounce");
        assertThat(json.get("MessageStream").asText()).isEqualTo("outbound");
        assertThat(json.get("ID").isIntegralNumber()).isTrue();
        assertThat(json.get("Type").asText()).isEqualTo("HardBounce");
        assertThat(json.get("TypeCode").asInt()).isEqualTo(1);
        assertThat(json.get("Email").asText()).isEqualTo("ana@example.net");
        assertThat(json.get("ServerID").asLong()).isEqualTo(server.id());
        assertThat(json.get("MessageID").asText()).hasSize(36);
        assertThat(json.get("Tag").asText()).isEqualTo("invoice");
        assertThat(json.get("Metadata").get("invoice_id").asText()).isEqualTo("INV-42");
        assertThat(json.get("BouncedAt").asText()).isEqualTo("2026-03-02T09:15:04.1234567Z");
        assertThat(json.get("Inactive").asBoolean()).isTrue();
        assertThat(json.get("CanActivate").asBoolean()).isTrue();
        assertThat(json.get("Description").asText()).isNotEmpty();
        assertThat(json.has("Content")).as("Content only with IncludeContent").isFalse();
        assertThat(attempts.get(0).webhookId()).isEqualTo(id);
    }

    @Test
    void bounceContentIsSentOnlyToWebhooksThatIncludeIt() {
        webhook("/pm", "outbound", "{\"Bounce\":{\"Enabled\":true,\"IncludeContent\":true}}");

        JsonNode json = only(fake.fire(server, FakePostmarkEvent.bounce("ana@example.net").withBounceType("SoftBounce")));

        assertThat(json.get("Content").asText()).isNotEmpty();
        assertThat(json.get("TypeCode").asInt()).isEqualTo(4096);
        assertThat(json.get("Inactive").asBoolean()).isFalse();
    }

    @Test
    void aSpamComplaintHasBouncesFieldsAndTheEnumTypeCode() {
        webhook("/pm", "outbound", ALL_TRIGGERS);

        JsonNode json = only(fake.fire(server, FakePostmarkEvent.spamComplaint("bo@example.net")));

        assertThat(json.get("RecordType").asText()).isEqualTo("SpamComplaint");
        assertThat(json.get("Type").asText()).isEqualTo("SpamComplaint");
        assertThat(json.get("TypeCode").asInt()).isEqualTo(100001);
        assertThat(json.get("Email").asText()).isEqualTo("bo@example.net");
        assertThat(json.get("Inactive").asBoolean()).isTrue();
        assertThat(json.get("CanActivate").asBoolean()).isFalse();
        assertThat(json.has("BouncedAt")).isTrue();
    }

    @Test
    void aDeliveryHasRecipientDeliveredAtAndDetails() {
        webhook("/pm", "outbound", ALL_TRIGGERS);

        JsonNode json = only(fake.fire(server, FakePostmarkEvent.delivery("ana@example.net").withMessageId("0a5c1e2f")));

        assertThat(json.get("RecordType").asText()).isEqualTo("Delivery");
        assertThat(json.get("Recipient").asText()).isEqualTo("ana@example.net");
        assertThat(json.get("MessageID").asText()).isEqualTo("0a5c1e2f");
        assertThat(json.get("ServerID").asLong()).isEqualTo(server.id());
        assertThat(json.get("DeliveredAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        assertThat(json.get("Details").asText()).startsWith("250");
        assertThat(json.get("Metadata").isObject()).isTrue();
    }

    @Test
    void anOpenAndAClickHaveTheirTrackingFields() {
        webhook("/pm", "outbound", ALL_TRIGGERS);

        fake.fire(server, FakePostmarkEvent.open("ana@example.net"));
        fake.fire(server, FakePostmarkEvent.click("ana@example.net", "https://acme.test/pay"));

        JsonNode open = receiver.received().get(0).json();
        assertThat(open.get("RecordType").asText()).isEqualTo("Open");
        assertThat(open.get("FirstOpen").asBoolean()).isTrue();
        assertThat(open.get("Platform").asText()).isEqualTo("WebMail");
        assertThat(open.get("Client").get("Name").asText()).isEqualTo("Gmail");
        assertThat(open.get("ReadSeconds").isInt()).isTrue();
        assertThat(open.get("Recipient").asText()).isEqualTo("ana@example.net");
        assertThat(open.has("ReceivedAt")).isTrue();
        assertThat(open.has("ServerID")).as("absent in the SDK models").isFalse();
        JsonNode click = receiver.received().get(1).json();
        assertThat(click.get("RecordType").asText()).isEqualTo("Click");
        assertThat(click.get("OriginalLink").asText()).isEqualTo("https://acme.test/pay");
        assertThat(click.get("ClickLocation").asText()).isEqualTo("HTML");
        assertThat(click.has("FirstOpen")).isFalse();
    }

    @Test
    void aSubscriptionChangeSaysWhetherSendingIsSuppressed() {
        webhook("/b", "broadcast", "{\"SubscriptionChange\":{\"Enabled\":true}}");

        fake.fire(server, FakePostmarkEvent.subscriptionChange("ana@example.net", true).withMessageStream("broadcast"));
        fake.fire(server, FakePostmarkEvent.subscriptionChange("ana@example.net", false).withMessageStream("broadcast"));

        JsonNode unsubscribe = receiver.received().get(0).json();
        assertThat(unsubscribe.get("RecordType").asText()).isEqualTo("SubscriptionChange");
        assertThat(unsubscribe.get("SuppressSending").asBoolean()).isTrue();
        assertThat(unsubscribe.get("SuppressionReason").asText()).isEqualTo("ManualSuppression");
        assertThat(unsubscribe.get("Origin").asText()).isEqualTo("Recipient");
        assertThat(unsubscribe.has("ChangedAt")).isTrue();
        JsonNode reactivation = receiver.received().get(1).json();
        assertThat(reactivation.get("SuppressSending").asBoolean()).isFalse();
        assertThat(reactivation.get("SuppressionReason").isNull()).isTrue();
        assertThat(reactivation.get("MessageID").isNull()).isTrue();
    }

    @Test
    void eventsGoOnlyToWebhooksOfTheirStreamWithTheTriggerOn() {
        webhook("/bounces", "outbound", "{\"Bounce\":{\"Enabled\":true}}");
        webhook("/broadcast", "broadcast", "{\"Delivery\":{\"Enabled\":true}}");

        assertThat(fake.fire(server, FakePostmarkEvent.delivery("ana@example.net"))).isEmpty();
        fake.fire(server, FakePostmarkEvent.delivery("ana@example.net").withMessageStream("broadcast"));
        fake.fire(server, FakePostmarkEvent.bounce("ana@example.net"));
        assertThat(fake.fire(fake.addServer("Other"), FakePostmarkEvent.bounce("ana@example.net"))).isEmpty();

        assertThat(receiver.received()).extracting(Received::path).containsExactly("/broadcast", "/bounces");
    }

    @Test
    void postFirstOpenOnlySkipsLaterOpens() {
        webhook("/first", "outbound", "{\"Open\":{\"Enabled\":true,\"PostFirstOpenOnly\":true}}");
        webhook("/every", "outbound", "{\"Open\":{\"Enabled\":true,\"PostFirstOpenOnly\":false}}");

        fake.fire(server, FakePostmarkEvent.open("ana@example.net").withFirstOpen(false));

        assertThat(receiver.received()).extracting(Received::path).containsExactly("/every");
    }

    @Test
    void aFailedPostIsRetriedUntilAnswered200WithTheSameTraceId() {
        webhook("/pm", "outbound", ALL_TRIGGERS);
        receiver.answer(500, 503);
        FakePostmarkEvent delivery = FakePostmarkEvent.delivery("ana@example.net");

        List<FakePostmarkWebhookAttempt> attempts = fake.fire(server, delivery);

        assertThat(attempts).extracting(FakePostmarkWebhookAttempt::status).containsExactly(500, 503, 200);
        assertThat(attempts).extracting(FakePostmarkWebhookAttempt::attempt).containsExactly(1, 2, 3);
        assertThat(receiver.received()).extracting(Received::body).containsOnly(attempts.get(0).body());
        assertThat(receiver.received()).extracting(request -> request.header("X-PM-Webhook-Trace-Id").orElseThrow())
                .containsOnly(delivery.traceId());
        assertThat(receiver.received()).extracting(request -> request.header("X-PM-Retries-Remaining").orElseThrow())
                .containsExactly("6", "5", "4");
        assertThat(receiver.received()).allSatisfy(request -> assertThat(request.basicCredentials()).hasValue("pm:s3cret"));
        assertThat(fake.webhookAttempts()).isEqualTo(attempts);
    }

    @Test
    void retriesStopAfterTheLadder() {
        webhook("/pm", "outbound", ALL_TRIGGERS);
        fake.webhookSettings().retries(List.of(Duration.ofMillis(1), Duration.ofMillis(1)));
        receiver.answer(500, 500, 500, 500);

        List<FakePostmarkWebhookAttempt> attempts = fake.fire(server, FakePostmarkEvent.delivery("ana@example.net"));

        assertThat(attempts).extracting(FakePostmarkWebhookAttempt::status).containsExactly(500, 500, 500);
        assertThat(attempts).noneMatch(FakePostmarkWebhookAttempt::delivered);
    }

    @Test
    void otherClientErrorsAreFinalByDefaultAndRetriedUnderTheOlderPolicyExcept403() {
        webhook("/pm", "outbound", ALL_TRIGGERS);
        receiver.answer(400);
        assertThat(fake.fire(server, FakePostmarkEvent.delivery("a@example.net"))).extracting(FakePostmarkWebhookAttempt::status)
                .containsExactly(400);

        fake.webhookSettings().retryPolicy(RetryPolicy.ANY_NON_200);
        receiver.answer(400);
        assertThat(fake.fire(server, FakePostmarkEvent.delivery("a@example.net"))).extracting(FakePostmarkWebhookAttempt::status)
                .containsExactly(400, 200);
        receiver.answer(403);
        assertThat(fake.fire(server, FakePostmarkEvent.delivery("a@example.net"))).extracting(FakePostmarkWebhookAttempt::status)
                .containsExactly(403);
    }

    @Test
    void noAnswerIsRecordedAndRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        fake.webhookSettings().retries(List.of(Duration.ofMillis(1)));
        http.server("POST", "/webhooks", server.serverToken(), "{\"Url\":\"http://127.0.0.1:" + closedPort
                + "/gone\",\"Triggers\":{\"Delivery\":{\"Enabled\":true}}}");

        List<FakePostmarkWebhookAttempt> attempts = fake.fire(server, FakePostmarkEvent.delivery("a@example.net"));

        assertThat(attempts).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.status()).isZero();
            assertThat(attempt.error()).isNotEmpty();
        });
    }

    @Test
    void basicAuthComesFromTheUrlWhenTheWebhookHasNone() {
        http.server("POST", "/webhooks", server.serverToken(), "{\"Url\":\"" + receiver.url("/pm").replace("http://", "http://u:p%40ss@")
                + "\",\"Triggers\":{\"Delivery\":{\"Enabled\":true}}}");

        List<FakePostmarkWebhookAttempt> attempts = fake.fire(server, FakePostmarkEvent.delivery("a@example.net"));

        assertThat(receiver.received().get(0).basicCredentials()).hasValue("u:p@ss");
        assertThat(attempts.get(0).url().toString()).doesNotContain("p%40ss").doesNotContain("p@ss");
        assertThat(attempts.get(0).toString()).doesNotContain(attempts.get(0).header("Authorization").orElseThrow());
    }

    @Test
    void traceHeadersCanBeTurnedOff() {
        webhook("/pm", "outbound", ALL_TRIGGERS);
        fake.webhookSettings().traceHeaders(false);

        fake.fire(server, FakePostmarkEvent.delivery("a@example.net"));

        assertThat(receiver.received().get(0).header("X-PM-Webhook-Trace-Id")).isEmpty();
        assertThat(receiver.received().get(0).header("X-PM-Retries-Remaining")).isEmpty();
    }

    @Test
    void inboundEmailGoesToTheInboundHookUrlWithItsFields() {
        String hook = receiver.url("/inbound").replace("http://", "http://in:s3cret@");
        http.server("PUT", "/server", server.serverToken(), "{\"InboundHookUrl\":\"" + hook + "\"}");
        byte[] pdf = "%PDF-1.4 fake".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        FakePostmarkEvent inbound = FakePostmarkEvent.inbound("bo@example.net", "abc123+t-9@inbound.postmarkapp.com")
                .withCc("cc@example.net").with("Subject", "Re: ticket").with("TextBody", "ok").with("HtmlBody", "<p>ok</p>")
                .withAttachment("invoice.pdf", "application/pdf", pdf);

        List<FakePostmarkWebhookAttempt> attempts = fake.fire(server, inbound);

        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.webhookId()).isZero();
            assertThat(attempt.recordType()).isEqualTo("Inbound");
        });
        Received request = receiver.received().get(0);
        assertThat(request.path()).isEqualTo("/inbound");
        assertThat(request.basicCredentials()).hasValue("in:s3cret");
        JsonNode json = request.json();
        assertThat(json.has("RecordType")).isFalse();
        assertThat(json.get("From").asText()).isEqualTo("bo@example.net");
        assertThat(json.get("FromFull").get("Email").asText()).isEqualTo("bo@example.net");
        assertThat(json.get("To").asText()).isEqualTo("abc123+t-9@inbound.postmarkapp.com");
        assertThat(json.get("MailboxHash").asText()).isEqualTo("t-9");
        assertThat(json.get("Cc").asText()).isEqualTo("cc@example.net");
        assertThat(json.get("CcFull").get(0).get("Email").asText()).isEqualTo("cc@example.net");
        assertThat(json.get("Subject").asText()).isEqualTo("Re: ticket");
        assertThat(json.get("TextBody").asText()).isEqualTo("ok");
        assertThat(json.get("HtmlBody").asText()).isEqualTo("<p>ok</p>");
        assertThat(json.get("MessageStream").asText()).isEqualTo("inbound");
        assertThat(json.get("Date").asText()).matches("\\w{3}, \\d{1,2} \\w{3} \\d{4} .*");
        JsonNode attachment = json.get("Attachments").get(0);
        assertThat(attachment.get("Name").asText()).isEqualTo("invoice.pdf");
        assertThat(attachment.get("ContentType").asText()).isEqualTo("application/pdf");
        assertThat(attachment.get("ContentLength").asInt()).isEqualTo(pdf.length);
        assertThat(Base64.getDecoder().decode(attachment.get("Content").asText())).isEqualTo(pdf);
    }

    @Test
    void inboundIsRetriedOnAnyNon200AndStopsOn403() {
        http.server("PUT", "/server", server.serverToken(), "{\"InboundHookUrl\":\"" + receiver.url("/inbound") + "\"}");
        receiver.answer(400, 500);
        assertThat(fake.fire(server, FakePostmarkEvent.inbound("bo@example.net", "in@inbound.postmarkapp.com")))
                .extracting(FakePostmarkWebhookAttempt::status).containsExactly(400, 500, 200);

        receiver.answer(403);
        assertThat(fake.fire(server, FakePostmarkEvent.inbound("bo@example.net", "in@inbound.postmarkapp.com")))
                .extracting(FakePostmarkWebhookAttempt::status).containsExactly(403);
    }

    @Test
    void inboundWithoutAHookGoesNowhere() {
        webhook("/pm", "outbound", ALL_TRIGGERS);

        assertThat(fake.fire(server, FakePostmarkEvent.inbound("bo@example.net", "in@inbound.postmarkapp.com"))).isEmpty();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void firingTheSameEventTwiceSendsTheSameDeliveryTwice() {
        webhook("/pm", "outbound", ALL_TRIGGERS);
        FakePostmarkEvent bounce = FakePostmarkEvent.bounce("ana@example.net");

        fake.fire(server, bounce);
        fake.fire(server, bounce);

        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(0).body()).isEqualTo(receiver.received().get(1).body());
        assertThat(receiver.received().get(1).header("X-PM-Webhook-Trace-Id")).hasValue(bounce.traceId());
    }

    @Test
    void fieldsCanBeOverriddenOrDroppedForOddPayloads() {
        webhook("/pm", "outbound", ALL_TRIGGERS);

        fake.fire(server, FakePostmarkEvent.bounce("ana@example.net").withBounceType("Unsubscribe").without("Email")
                .without("BouncedAt"));
        fake.fire(server, FakePostmarkEvent.delivery("ana@example.net").with("ServerId", 4711));

        JsonNode sparse = receiver.received().get(0).json();
        assertThat(sparse.get("Type").asText()).isEqualTo("Unsubscribe");
        assertThat(sparse.has("Email")).isFalse();
        assertThat(sparse.has("BouncedAt")).isFalse();
        JsonNode oldSpelling = receiver.received().get(1).json();
        assertThat(oldSpelling.get("ServerId").asInt()).isEqualTo(4711);
        assertThat(oldSpelling.has("ServerID")).isFalse();
    }
}
