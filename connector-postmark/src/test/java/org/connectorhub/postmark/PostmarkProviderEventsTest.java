package org.connectorhub.postmark;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.TestModeUnsupportedException;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.EventSubscription;
import org.connectorhub.core.spi.ProviderEvent;
import org.connectorhub.core.spi.ProviderEvents;
import org.connectorhub.core.spi.SubscriptionResult;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.connectorhub.testkit.postmark.FakePostmarkEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Postmark's side of provider events against the fake: the webhooks and inbound hook set up,
 * reused, repaired and removed; and the reader on the fake's payload shapes (fact sheet, section 2).
 */
class PostmarkProviderEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI CALLBACK = URI.create("https://hub.example/v1/provider_events/postmark/acc_1");

    private FakePostmark fake;
    private Connector connector;
    private ProviderEvents events;
    private FakePostmark.Server server;
    private Credentials credentials;

    @BeforeEach
    void start() {
        fake = FakePostmark.start();
        connector = PostmarkFakeSupport.connector(fake);
        events = connector.providerEvents().orElseThrow();
        server = fake.addServer("Events");
        credentials = Credentials.of(Map.of(PostmarkCredentialSchema.SERVER_TOKEN, server.serverToken()));
    }

    @AfterEach
    void stop() {
        connector.close();
        fake.close();
    }

    private static EventSubscription subscription(String password, Set<String> triggers, boolean inbound, List<String> streams) {
        return new EventSubscription(CALLBACK, "hub_1", password, triggers, inbound, streams);
    }

    @Test
    void createsReusesRepairsAndRemovesOnlyItsOwnHooks() throws Exception {
        EventSubscription wanted = subscription("pw-1", Set.of("bounce", "delivery", "open"), true,
                List.of("outbound", "broadcast"));
        SubscriptionResult first = events.ensure(credentials, wanted);
        assertThat(first.changed()).isTrue();
        assertThat(first.hookIds()).hasSize(2);
        assertThat(wanted.toString()).doesNotContain("pw-1");

        SubscriptionResult again = events.ensure(credentials, wanted);
        assertThat(again.changed()).isFalse();
        assertThat(again.hookIds()).isEqualTo(first.hookIds());

        // broadcast streams take no Bounce
        JsonNode broadcast = proxyGet("/webhooks?MessageStream=broadcast").path("Webhooks").get(0);
        assertThat(broadcast.path("Triggers").path("Bounce").path("Enabled").asBoolean()).isFalse();
        assertThat(broadcast.path("Triggers").path("Open").path("Enabled").asBoolean()).isTrue();
        assertThat(proxyGet("/server").path("InboundHookUrl").asText())
                .isEqualTo("https://hub_1:pw-1@hub.example/v1/provider_events/postmark/acc_1");

        // a new password is a repair of the same webhook, not a second one
        SubscriptionResult repaired = events.ensure(credentials, subscription("pw-2", wanted.triggers(), true, wanted.streams()));
        assertThat(repaired.changed()).isTrue();
        assertThat(repaired.hookIds()).isEqualTo(first.hookIds());

        proxyPost("/webhooks", "{\"Url\":\"https://platform.example/own\",\"Triggers\":{\"Delivery\":{\"Enabled\":true}}}");
        events.remove(credentials, wanted);
        JsonNode left = proxyGet("/webhooks").path("Webhooks");
        assertThat(left).hasSize(1);
        assertThat(left.get(0).path("Url").asText()).isEqualTo("https://platform.example/own");
        assertThat(proxyGet("/server").path("InboundHookUrl").asText()).isEmpty();
        events.remove(credentials, wanted);
    }

    @Test
    void theLimitPerStreamIsAWarningAndAnotherInboundUrlIsLeftAlone() throws Exception {
        fake.webhookSettings().limitPerStream(0);
        proxyPut("/server", "{\"InboundHookUrl\":\"https://platform.example/inbound\"}");
        SubscriptionResult result = events.ensure(credentials, subscription("pw", Set.of("delivery"), true, List.of("outbound")));
        assertThat(result.hookIds()).isEmpty();
        assertThat(result.warnings()).hasSize(2);
        assertThat(String.join(" ", result.warnings())).contains("limit").contains("another URL");
        assertThat(proxyGet("/server").path("InboundHookUrl").asText()).isEqualTo("https://platform.example/inbound");
    }

    @Test
    void anOutageIsUnavailableAndTheTestTokenIsUnsupported() {
        fake.http().faults().add("GET", "/webhooks", Fault.status(503).times(5));
        assertThatThrownBy(() -> events.ensure(credentials, subscription("pw", Set.of("delivery"), false, List.of("outbound"))))
                .isInstanceOf(ProviderUnavailableException.class);
        Credentials test = Credentials.of(Map.of(PostmarkCredentialSchema.SERVER_TOKEN, FakePostmark.TEST_TOKEN));
        assertThatThrownBy(() -> events.ensure(test, subscription("pw", Set.of("delivery"), false, List.of("outbound"))))
                .isInstanceOf(TestModeUnsupportedException.class);
    }

    @Test
    void readsEachKindFromTheFakesPayloads() throws Exception {
        ProviderEvent bounce = read(FakePostmarkEvent.bounce("ana@example.net").withTag("t").withMetadata(Map.of("k", "v")));
        assertThat(bounce.type()).isEqualTo("email.bounced");
        assertThat(bounce.fields()).containsEntry("recipient", "ana@example.net").containsEntry("tag", "t")
                .containsEntry("metadata", Map.of("k", "v"));
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) bounce.fields().get("bounce");
        assertThat(details).containsEntry("type", "HardBounce").containsEntry("type_code", 1L).containsEntry("hard", true);
        assertThat(bounce.eventKey()).hasValueSatisfying(key -> assertThat(key).startsWith("Bounce:"));

        ProviderEvent soft = read(FakePostmarkEvent.bounce("ana@example.net").withBounceType("SoftBounce"));
        assertThat(((Map<?, ?>) soft.fields().get("bounce")).get("hard")).isEqualTo(false);

        assertThat(read(FakePostmarkEvent.delivery("a@example.net")).type()).isEqualTo("email.delivered");
        assertThat(read(FakePostmarkEvent.open("a@example.net")).type()).isEqualTo("email.opened");
        assertThat(read(FakePostmarkEvent.click("a@example.net", "https://x.example")).fields()).containsEntry("link",
                "https://x.example");
        assertThat(read(FakePostmarkEvent.spamComplaint("a@example.net")).type()).isEqualTo("email.spam_complaint");
        ProviderEvent reactivated = read(FakePostmarkEvent.subscriptionChange("a@example.net", false));
        assertThat(reactivated.fields()).containsEntry("suppress_sending", false).containsEntry("reason", null);
        // ServerId in the older spelling is read too
        ProviderEvent delivery = read(FakePostmarkEvent.delivery("a@example.net").with("ServerId", 42));
        assertThat(delivery.fields()).containsEntry("server_id", 42L);

        FakePostmarkEvent mail = FakePostmarkEvent.inbound("bo@example.net", "x+h@inbound.postmarkapp.com")
                .withCc("cc@example.net").withAttachment("a.pdf", "application/pdf", "PDF".getBytes(UTF_8));
        ProviderEvent inbound = read(mail);
        assertThat(inbound.type()).isEqualTo("email.inbound");
        assertThat(inbound.fields()).containsEntry("subject", "Re: hello").containsEntry("mailbox_hash", "h");
        assertThat(inbound.fields().get("occurred_at")).isNotNull();
        assertThat(JSON.writeValueAsString(inbound.fields().get("attachments"))).contains("a.pdf").doesNotContain("UERG");
        assertThat(JSON.writeValueAsString(inbound.raw())).doesNotContain("UERG");
        ProviderEvent withContent = events.read(JSON.writeValueAsBytes(mail.payload()), true);
        assertThat(JSON.writeValueAsString(withContent.fields().get("attachments"))).contains("UERG");

        ProviderEvent unknown = events.read("{\"RecordType\":\"Future\",\"MessageID\":\"m\"}".getBytes(UTF_8), false);
        assertThat(unknown.type()).isEqualTo(ProviderEvent.UNKNOWN);
        assertThat(unknown.raw()).containsEntry("RecordType", "Future");
        assertThatThrownBy(() -> events.read("[1]".getBytes(UTF_8), false)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> events.read("{".getBytes(UTF_8), false)).isInstanceOf(InvalidInputException.class);
    }

    private ProviderEvent read(FakePostmarkEvent event) throws Exception {
        return events.read(JSON.writeValueAsBytes(event.payload()), false);
    }

    private JsonNode proxyGet(String path) throws Exception {
        return send("GET", path, null);
    }

    private void proxyPost(String path, String body) throws Exception {
        send("POST", path, body);
    }

    private void proxyPut(String path, String body) throws Exception {
        send("PUT", path, body);
    }

    private JsonNode send(String method, String path, String body) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(fake.baseUri() + path))
                .header("X-Postmark-Server-Token", server.serverToken())
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
