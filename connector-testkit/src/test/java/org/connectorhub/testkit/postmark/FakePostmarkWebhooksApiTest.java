package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import org.connectorhub.testkit.postmark.FakePostmark.Server;
import org.connectorhub.testkit.postmark.PostmarkHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake's webhooks API and InboundHookUrl, over HTTP, against the team's fact sheet. */
class FakePostmarkWebhooksApiTest {
    private static final String FULL = "{\"Url\":\"https://hooks.acme.test/pm\",\"MessageStream\":\"outbound\","
            + "\"HttpAuth\":{\"Username\":\"pm\",\"Password\":\"s3cret\"},\"HttpHeaders\":[{\"Name\":\"X-Env\",\"Value\":\"stg\"}],"
            + "\"Triggers\":{\"Bounce\":{\"Enabled\":true,\"IncludeContent\":false},\"Open\":{\"Enabled\":true,\"PostFirstOpenOnly\":true}}}";

    private FakePostmark fake;
    private PostmarkHttp http;
    private Server server;

    @BeforeEach
    void start() {
        fake = FakePostmark.start();
        http = new PostmarkHttp(fake.baseUri());
        server = fake.addServer("Main");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Reply call(String method, String path, String body) {
        return http.server(method, path, server.serverToken(), body);
    }

    private long create(String body) {
        Reply created = call("POST", "/webhooks", body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("ID").asLong();
    }

    @Test
    void createAnswersTheWholeWebhookWithEveryTrigger() {
        Reply created = call("POST", "/webhooks", FULL);

        JsonNode json = created.json();
        assertThat(created.status()).isEqualTo(200);
        assertThat(json.get("ID").isIntegralNumber()).isTrue();
        assertThat(json.get("Url").asText()).isEqualTo("https://hooks.acme.test/pm");
        assertThat(json.get("MessageStream").asText()).isEqualTo("outbound");
        assertThat(json.get("HttpAuth").get("Username").asText()).isEqualTo("pm");
        assertThat(json.get("HttpAuth").get("Password").asText()).isEqualTo("s3cret");
        assertThat(json.get("HttpHeaders").get(0).get("Name").asText()).isEqualTo("X-Env");
        assertThat(json.get("HttpHeaders").get(0).get("Value").asText()).isEqualTo("stg");
        JsonNode triggers = json.get("Triggers");
        assertThat(triggers.get("Bounce").get("Enabled").asBoolean()).isTrue();
        assertThat(triggers.get("Bounce").has("IncludeContent")).isTrue();
        assertThat(triggers.get("Open").get("PostFirstOpenOnly").asBoolean()).isTrue();
        for (String off : new String[] {"Click", "Delivery", "SpamComplaint", "SubscriptionChange"}) {
            assertThat(triggers.get(off).get("Enabled").asBoolean()).as(off).isFalse();
        }
        assertThat(triggers.get("SpamComplaint").has("IncludeContent")).isTrue();
    }

    @Test
    void createDefaultsToTheOutboundStreamAndShowsUnsetAuthAsNulls() {
        JsonNode json = call("POST", "/webhooks", "{\"Url\":\"https://hooks.acme.test/n8n\"}").json();

        assertThat(json.get("MessageStream").asText()).isEqualTo("outbound");
        assertThat(json.get("HttpAuth").get("Username").isNull()).isTrue();
        assertThat(json.get("HttpAuth").get("Password").isNull()).isTrue();
        assertThat(json.get("HttpHeaders")).isEmpty();
    }

    @Test
    void unsetAuthAsEmptyStringsWhenConfigured() {
        fake.webhookSettings().unsetHttpAuthAsNulls(false);

        JsonNode json = call("POST", "/webhooks", "{\"Url\":\"https://hooks.acme.test/n8n\"}").json();

        assertThat(json.get("HttpAuth").get("Username").asText("x")).isEmpty();
    }

    @Test
    void listGetAndFilterByStreamInAnyQueryCase() {
        long outbound = create(FULL);
        long broadcast = create("{\"Url\":\"https://hooks.acme.test/b\",\"MessageStream\":\"broadcast\","
                + "\"Triggers\":{\"Delivery\":{\"Enabled\":true}}}");

        assertThat(call("GET", "/webhooks", null).json().get("Webhooks")).hasSize(2);
        assertThat(call("GET", "/webhooks?MessageStream=outbound", null).json().get("Webhooks"))
                .singleElement().satisfies(item -> assertThat(item.get("ID").asLong()).isEqualTo(outbound));
        assertThat(call("GET", "/webhooks?messageStream=broadcast", null).json().get("Webhooks"))
                .singleElement().satisfies(item -> assertThat(item.get("ID").asLong()).isEqualTo(broadcast));
        assertThat(call("GET", "/webhooks/" + outbound, null).json().get("Url").asText()).isEqualTo("https://hooks.acme.test/pm");
    }

    @Test
    void listingAnUnknownStreamIsAnErrorNotAnEmptyList() {
        Reply reply = call("GET", "/webhooks?MessageStream=nope", null);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(1235);
    }

    @Test
    void editIsPartialAndKeepsWhatIsNotGiven() {
        long id = create(FULL);

        Reply edited = call("PUT", "/webhooks/" + id, "{\"Triggers\":{\"Click\":{\"Enabled\":true}}}");

        JsonNode triggers = edited.json().get("Triggers");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(triggers.get("Click").get("Enabled").asBoolean()).isTrue();
        assertThat(triggers.get("Bounce").get("Enabled").asBoolean()).isTrue();
        assertThat(triggers.get("Open").get("PostFirstOpenOnly").asBoolean()).isTrue();
        assertThat(edited.json().get("HttpAuth").get("Password").asText()).isEqualTo("s3cret");
        assertThat(call("GET", "/webhooks/" + id, null).json().get("Triggers").get("Click").get("Enabled").asBoolean()).isTrue();
    }

    @Test
    void editChangesUrlAuthAndClearsHeaders() {
        long id = create(FULL);

        JsonNode json = call("PUT", "/webhooks/" + id, "{\"Url\":\"https://hooks.acme.test/v2\","
                + "\"HttpAuth\":{\"Username\":\"u2\",\"Password\":\"p2\"},\"HttpHeaders\":[]}").json();

        assertThat(json.get("Url").asText()).isEqualTo("https://hooks.acme.test/v2");
        assertThat(json.get("HttpAuth").get("Username").asText()).isEqualTo("u2");
        assertThat(json.get("HttpHeaders")).isEmpty();
    }

    @Test
    void deleteAnswersRemovedAndTheWebhookIsGone() {
        long id = create(FULL);

        Reply deleted = call("DELETE", "/webhooks/" + id, null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.errorCode()).isZero();
        assertThat(deleted.message()).isEqualTo("Webhook " + id + " removed.");
        Reply after = call("GET", "/webhooks/" + id, null);
        assertThat(after.status()).isEqualTo(422);
        assertThat(after.errorCode()).isEqualTo(1352);
        assertThat(call("GET", "/webhooks", null).json().get("Webhooks")).isEmpty();
    }

    @Test
    void theLimitIsPerStreamAndTenByDefault() {
        for (int i = 0; i < FakePostmarkWebhookSettings.POSTMARK_LIMIT_PER_STREAM; i++) {
            create("{\"Url\":\"https://hooks.acme.test/" + i + "\"}");
        }

        Reply over = call("POST", "/webhooks", "{\"Url\":\"https://hooks.acme.test/over\"}");

        assertThat(over.status()).isEqualTo(422);
        assertThat(over.errorCode()).isEqualTo(1359);
        assertThat(call("GET", "/webhooks", null).json().get("Webhooks")).hasSize(10);
        create("{\"Url\":\"https://hooks.acme.test/b\",\"MessageStream\":\"broadcast\"}");
    }

    @Test
    void theLimitIsConfigurable() {
        fake.webhookSettings().limitPerStream(1);
        create("{\"Url\":\"https://hooks.acme.test/1\"}");

        assertThat(call("POST", "/webhooks", "{\"Url\":\"https://hooks.acme.test/2\"}").errorCode()).isEqualTo(1359);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"MessageStream\":\"outbound\"}                                              | 1354",
        "{\"Url\":\"ftp://hooks.acme.test\"}                                           | 1354",
        "{\"Url\":\"not a url\"}                                                       | 1354",
        "{\"ID\":5,\"Url\":\"https://hooks.acme.test\"}                                | 1356",
        "{}                                                                            | 1355",
        "{\"Url\":\"https://hooks.acme.test\",\"MessageStream\":\"inbound\"}           | 1351",
        "{\"Url\":\"https://hooks.acme.test\",\"MessageStream\":\"nope\"}              | 1235",
        "{\"Url\":\"https://h.acme.test\",\"MessageStream\":\"broadcast\",\"Triggers\":{\"Bounce\":{\"Enabled\":true}}} | 1353",
        "{\"Url\":\"https://h.acme.test\",\"MessageStream\":\"broadcast\",\"Triggers\":{\"SpamComplaint\":{\"Enabled\":true}}} | 1353",
        "{\"Url\":\"https://hooks.acme.test\",\"HttpHeaders\":[{\"Name\":\"\",\"Value\":\"x\"}]} | 1358",
        "{\"Url\":\"https://hooks.acme.test\",\"Triggers\":{\"Click\":{\"Enabled\":\"yes\"}}} | 1361",
        "{\"Url\":\"https://hooks.acme.test\",\"HttpAuth\":\"pm:s3cret\"}              | 1361",
    })
    void badCreatesAre422WithTheirErrorCodeAndStoreNothing(String body, int errorCode) {
        Reply reply = call("POST", "/webhooks", body.trim());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(errorCode);
        assertThat(call("GET", "/webhooks", null).json().get("Webhooks")).isEmpty();
    }

    @Test
    void editCannotMoveAWebhookToAnotherStreamOrId() {
        long id = create(FULL);

        assertThat(call("PUT", "/webhooks/" + id, "{\"MessageStream\":\"broadcast\"}").errorCode()).isEqualTo(1357);
        assertThat(call("PUT", "/webhooks/" + id, "{\"ID\":" + (id + 1) + "}").errorCode()).isEqualTo(1357);
        assertThat(call("PUT", "/webhooks/" + (id + 100), "{\"Url\":\"https://hooks.acme.test/x\"}").errorCode()).isEqualTo(1352);
        assertThat(call("GET", "/webhooks/" + id, null).json().get("MessageStream").asText()).isEqualTo("outbound");
    }

    @Test
    void webhooksBelongToTheirServer() {
        long id = create(FULL);
        Server other = fake.addServer("Other");

        assertThat(http.server("GET", "/webhooks", other.serverToken(), null).json().get("Webhooks")).isEmpty();
        assertThat(http.server("GET", "/webhooks/" + id, other.serverToken(), null).errorCode()).isEqualTo(1352);
        assertThat(http.server("DELETE", "/webhooks/" + id, other.serverToken(), null).status()).isEqualTo(422);
        assertThat(call("GET", "/webhooks/" + id, null).status()).isEqualTo(200);
    }

    @Test
    void theTestTokenAndAccountTokensHaveNoWebhooks() {
        String accountToken = fake.addAccountToken();

        assertThat(http.server("GET", "/webhooks", FakePostmark.TEST_TOKEN, null).status()).isEqualTo(401);
        assertThat(http.server("POST", "/webhooks", FakePostmark.TEST_TOKEN, FULL).status()).isEqualTo(401);
        assertThat(http.server("GET", "/webhooks", accountToken, null).status()).isEqualTo(401);
    }

    @Test
    void inboundHookUrlIsSetWithPutServerAndShownByGetServer() {
        Reply put = call("PUT", "/server", "{\"InboundHookUrl\":\"https://pm:s3cret@hooks.acme.test/inbound\"}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("InboundHookUrl").asText()).isEqualTo("https://pm:s3cret@hooks.acme.test/inbound");
        assertThat(call("GET", "/server", null).json().get("InboundHookUrl").asText())
                .isEqualTo("https://pm:s3cret@hooks.acme.test/inbound");
        assertThat(call("PUT", "/server", "{\"InboundHookUrl\":\"\"}").json().get("InboundHookUrl").asText()).isEmpty();
    }

    @Test
    void inboundHookUrlIsSetWithTheAccountTokenToo() {
        String accountToken = fake.addAccountToken();

        Reply put = http.account("PUT", "/servers/" + server.id(), accountToken, "{\"InboundHookUrl\":\"https://hooks.acme.test/in\"}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(call("GET", "/server", null).json().get("InboundHookUrl").asText()).isEqualTo("https://hooks.acme.test/in");
    }

    @Test
    void aBadInboundHookUrlIs422AndNotStored() {
        Reply put = call("PUT", "/server", "{\"InboundHookUrl\":\"hooks.acme.test/inbound\"}");

        assertThat(put.status()).isEqualTo(422);
        assertThat(call("GET", "/server", null).json().get("InboundHookUrl").asText()).isEmpty();
    }
}
