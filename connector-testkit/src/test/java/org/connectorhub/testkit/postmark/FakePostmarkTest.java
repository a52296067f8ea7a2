package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.fake.RecordedRequest;
import org.connectorhub.testkit.postmark.FakePostmark.Server;
import org.connectorhub.testkit.postmark.PostmarkHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakePostmarkTest {
    private static final String EMAIL = "{\"From\":\"sender@example.com\",\"To\":\"receiver@example.com\","
            + "\"Subject\":\"Hi\",\"TextBody\":\"Hello\"}";

    private FakePostmark fake;
    private PostmarkHttp http;
    private Server server;
    private String accountToken;

    @BeforeEach
    void start() {
        fake = FakePostmark.start();
        http = new PostmarkHttp(fake.baseUri());
        server = fake.addServer("Main");
        accountToken = fake.addAccountToken();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    // ---- tokens ----

    @Test
    void serverTokenReadsItsServer() {
        Reply reply = http.server("GET", "/server", server.serverToken(), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(reply.json().get("ID").asLong()).isEqualTo(server.id());
        assertThat(reply.json().get("Name").asText()).isEqualTo("Main");
        assertThat(reply.json().get("DeliveryType").asText()).isEqualTo("Live");
        assertThat(reply.json().get("ApiTokens").get(0).asText()).isEqualTo(server.serverToken());
        assertThat(reply.json().has("ServerLink")).isTrue();
    }

    @Test
    void sandboxServerSaysSo() {
        Server sandbox = fake.addServer("Sandboxed", "Sandbox");

        assertThat(http.server("GET", "/server", sandbox.serverToken(), null).json().get("DeliveryType").asText()).isEqualTo("Sandbox");
    }

    @Test
    void missingTokenIs401ErrorCode10() {
        Reply reply = http.send("GET", "/server", null, Map.of("Accept", "application/json"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo(10);
    }

    @Test
    void wrongTokenIs401WithoutEchoingIt() {
        String wrong = "7a2e4f5c-1111-2222-3333-444455556666";

        Reply reply = http.server("GET", "/server", wrong, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo(10);
        assertThat(reply.body()).doesNotContain(wrong);
    }

    @Test
    void accountTokenIsNotAServerToken() {
        Reply reply = http.server("GET", "/server", accountToken, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo(10);
        assertThat(reply.body()).doesNotContain(accountToken);
    }

    @Test
    void serverTokenIsNotAnAccountToken() {
        Reply reply = http.account("GET", "/servers?count=1&offset=0", server.serverToken(), null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo(10);
    }

    @Test
    void serverTokenSentInAccountHeaderIsStillNoServerToken() {
        Reply reply = http.send("GET", "/server", null,
                Map.of("Accept", "application/json", "X-Postmark-Account-Token", accountToken));

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void revokedTokensAreRejected() {
        fake.revoke(server.serverToken());
        fake.revoke(accountToken);

        assertThat(http.server("GET", "/server", server.serverToken(), null).errorCode()).isEqualTo(10);
        assertThat(http.account("GET", "/servers?count=1&offset=0", accountToken, null).status()).isEqualTo(401);
    }

    @Test
    void tokenValueIsCaseInsensitiveAndTrimmed() {
        assertThat(http.server("GET", "/server", " " + server.serverToken().toUpperCase() + " ", null).status()).isEqualTo(200);
    }

    @Test
    void serverRecordHidesTokenInToString() {
        assertThat(server.toString()).doesNotContain(server.serverToken()).contains("Main");
    }

    // ---- media types, paths, queries ----

    @Test
    void missingAcceptIs415() {
        Reply reply = http.send("GET", "/server", null, Map.of("X-Postmark-Server-Token", server.serverToken()));

        assertThat(reply.status()).isEqualTo(415);
    }

    @Test
    void postWithoutJsonContentTypeIs415() {
        Reply reply = http.send("POST", "/email", EMAIL, Map.of("X-Postmark-Server-Token", server.serverToken(),
                "Accept", "application/json", "Content-Type", "text/plain"));

        assertThat(reply.status()).isEqualTo(415);
        assertThat(fake.sentEmailCount()).isZero();
    }

    @Test
    void trailingSlashAndPathCaseAreAccepted() {
        assertThat(http.server("GET", "/server/", server.serverToken(), null).status()).isEqualTo(200);
        assertThat(http.server("GET", "/deliveryStats/", server.serverToken(), null).status()).isEqualTo(200);
    }

    @Test
    void queryNamesInAnyCase() {
        Reply lower = http.account("GET", "/servers?count=1&offset=0", accountToken, null);
        Reply upper = http.account("GET", "/servers/?Count=1&Offset=0", accountToken, null);

        assertThat(lower.status()).isEqualTo(200);
        assertThat(upper.json()).isEqualTo(lower.json());
        assertThat(lower.json().get("TotalCount").asInt()).isEqualTo(1);
    }

    @Test
    void listWithoutCountIs422() {
        Reply reply = http.server("GET", "/bounces?offset=0", server.serverToken(), null);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.message()).contains("count");
    }

    @Test
    void listWithoutOffsetIs422() {
        assertThat(http.account("GET", "/domains?count=10", accountToken, null).status()).isEqualTo(422);
    }

    @Test
    void countAbove500Is422() {
        assertThat(http.server("GET", "/messages/outbound?count=501&offset=0", server.serverToken(), null).status()).isEqualTo(422);
    }

    @Test
    void faultsOfTheUnderlyingServerApply() {
        fake.http().faults().add("GET", "/server", Fault.unavailable(Duration.ofSeconds(3)).times(1));

        Reply first = http.server("GET", "/server", server.serverToken(), null);
        Reply second = http.server("GET", "/server", server.serverToken(), null);

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.raw().headers().firstValue("Retry-After")).hasValue("3");
        assertThat(second.status()).isEqualTo(200);
    }

    @Test
    void errorFaultAnswersWithPostmarkBody() {
        fake.http().faults().add("POST", "/email", FakePostmark.errorFault(500, 0, "Internal server error").times(1));

        Reply reply = http.server("POST", "/email", server.serverToken(), EMAIL);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.errorCode()).isZero();
        assertThat(reply.message()).isEqualTo("Internal server error");
        assertThat(fake.sentEmailCount()).isZero();
        assertThat(http.server("POST", "/email", server.serverToken(), EMAIL).status()).isEqualTo(200);
    }

    @Test
    void requestsAreRecordedWithHeaders() {
        http.server("GET", "/server", server.serverToken(), null);

        RecordedRequest request = fake.http().requests("GET", "/server").get(0);
        assertThat(request.header("x-postmark-server-token")).hasValue(server.serverToken());
    }

    // ---- sending ----

    @Test
    void sendEmailIsAcceptedAndListed() {
        Reply reply = http.server("POST", "/email", server.serverToken(), EMAIL);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.errorCode()).isZero();
        assertThat(reply.message()).isEqualTo("OK");
        assertThat(reply.json().get("To").asText()).isEqualTo("receiver@example.com");
        assertThat(reply.json().get("SubmittedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}[-+]\\d\\d:\\d\\d");
        String messageId = reply.json().get("MessageID").asText();
        assertThat(fake.sentEmails()).singleElement().satisfies(sent -> assertThat(sent).containsEntry("Subject", "Hi"));

        Reply listed = http.server("GET", "/messages/outbound?count=10&offset=0", server.serverToken(), null);
        assertThat(listed.json().get("TotalCount").asInt()).isEqualTo(1);
        assertThat(listed.json().get("Messages").get(0).get("MessageID").asText()).isEqualTo(messageId);
        Reply details = http.server("GET", "/messages/outbound/" + messageId + "/details", server.serverToken(), null);
        assertThat(details.json().get("TextBody").asText()).isEqualTo("Hello");
        assertThat(details.json().get("MessageEvents").get(0).get("Type").asText()).isEqualTo("Delivered");
    }

    @Test
    void badFromIs422ErrorCode300() {
        Reply reply = http.server("POST", "/email", server.serverToken(), EMAIL.replace("sender@example.com", "not-an-address"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(300);
        assertThat(reply.message()).contains("From");
        assertThat(fake.sentEmailCount()).isZero();
    }

    @Test
    void missingToIs422ErrorCode300() {
        Reply reply = http.server("POST", "/email", server.serverToken(),
                "{\"From\":\"sender@example.com\",\"TextBody\":\"Hello\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(300);
    }

    @Test
    void missingBodyIs422ErrorCode300() {
        Reply reply = http.server("POST", "/email", server.serverToken(),
                "{\"From\":\"sender@example.com\",\"To\":\"receiver@example.com\",\"Subject\":\"Hi\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(300);
        assertThat(reply.message()).contains("TextBody or HtmlBody");
    }

    @Test
    void fiftyRecipientsPassFiftyOneDoNot() {
        Reply fifty = http.server("POST", "/email", server.serverToken(), EMAIL.replace("receiver@example.com", recipients(50)));
        Reply fiftyOne = http.server("POST", "/email", server.serverToken(), EMAIL.replace("receiver@example.com", recipients(51)));

        assertThat(fifty.status()).isEqualTo(200);
        assertThat(fiftyOne.status()).isEqualTo(422);
        assertThat(fiftyOne.errorCode()).isEqualTo(300);
    }

    @Test
    void namedAddressesWithQuotedCommasAreAccepted() {
        Reply reply = http.server("POST", "/email", server.serverToken(),
                EMAIL.replace("receiver@example.com", "\\\"Doe, Jane\\\" <jane@example.com>, bob@example.com"));

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void inactiveRecipientIs422ErrorCode406() {
        fake.markInactive("receiver@example.com");

        Reply reply = http.server("POST", "/email", server.serverToken(), EMAIL);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(406);
    }

    @Test
    void invalidJsonIs422ErrorCode402() {
        Reply reply = http.server("POST", "/email", server.serverToken(), "{\"From\":");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(402);
    }

    @Test
    void unknownMessageStreamIsRejected() {
        Reply reply = http.server("POST", "/email", server.serverToken(), EMAIL.replace("}", ",\"MessageStream\":\"nope\"}"));

        assertThat(reply.status()).isEqualTo(422);
    }

    @Test
    void senderSignaturesEnforcedWhenAsked() {
        fake.enforceSenderSignatures(true);

        assertThat(http.server("POST", "/email", server.serverToken(), EMAIL).errorCode()).isEqualTo(400);
        fake.addSenderSignature("sender@example.com", "Sender", true);
        assertThat(http.server("POST", "/email", server.serverToken(), EMAIL).status()).isEqualTo(200);
    }

    @Test
    void batchAnswersPerMessage() {
        String batch = "[" + EMAIL + "," + EMAIL.replace("sender@example.com", "bad") + "]";

        Reply reply = http.server("POST", "/email/batch", server.serverToken(), batch);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get(0).get("ErrorCode").asInt()).isZero();
        assertThat(reply.json().get(0).has("MessageID")).isTrue();
        assertThat(reply.json().get(1).get("ErrorCode").asInt()).isEqualTo(300);
        assertThat(fake.sentEmailCount()).isEqualTo(1);
    }

    @Test
    void batchOf501Is422() {
        String batch = IntStream.range(0, 501).mapToObj(i -> EMAIL).collect(Collectors.joining(",", "[", "]"));

        Reply reply = http.server("POST", "/email/batch", server.serverToken(), batch);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(410);
        assertThat(fake.sentEmailCount()).isZero();
    }

    @Test
    void templateSendByAliasRendersTemplate() {
        fake.addTemplate(server, "Welcome", "welcome");

        Reply reply = http.server("POST", "/email/withTemplate", server.serverToken(),
                "{\"From\":\"sender@example.com\",\"To\":\"receiver@example.com\",\"TemplateAlias\":\"welcome\","
                        + "\"TemplateModel\":{\"name\":\"Ada\"}}");

        assertThat(reply.status()).isEqualTo(200);
        String id = reply.json().get("MessageID").asText();
        Reply details = http.server("GET", "/messages/outbound/" + id + "/details", server.serverToken(), null);
        assertThat(details.json().get("Subject").asText()).isEqualTo("Hello Ada");
    }

    @Test
    void templateSendWithUnknownTemplateIs1101() {
        Reply reply = http.server("POST", "/email/withTemplate", server.serverToken(),
                "{\"From\":\"sender@example.com\",\"To\":\"receiver@example.com\",\"TemplateId\":1,\"TemplateModel\":{}}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(1101);
    }

    @Test
    void batchWithTemplatesAnswersPerMessage() {
        long id = fake.addTemplate(server, "Welcome", "welcome");

        Reply reply = http.server("POST", "/email/batchWithTemplates", server.serverToken(),
                "{\"Messages\":[{\"From\":\"sender@example.com\",\"To\":\"a@example.com\",\"TemplateId\":" + id
                        + ",\"TemplateModel\":{}},{\"From\":\"sender@example.com\",\"To\":\"a@example.com\",\"TemplateAlias\":\"nope\",\"TemplateModel\":{}}]}");

        assertThat(reply.json().get(0).get("ErrorCode").asInt()).isZero();
        assertThat(reply.json().get(1).get("ErrorCode").asInt()).isEqualTo(1101);
    }

    // ---- test token ----

    @Test
    void testTokenAcceptsEmailWithoutDelivering() {
        Reply reply = http.server("POST", "/email", FakePostmark.TEST_TOKEN, EMAIL);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.message()).isEqualTo("Test job accepted");
        assertThat(reply.errorCode()).isZero();
        assertThat(fake.sentEmailCount()).isEqualTo(1);
        assertThat(http.server("GET", "/messages/outbound?count=10&offset=0", server.serverToken(), null)
                .json().get("TotalCount").asInt()).isZero();
    }

    @Test
    void testTokenStillValidates() {
        Reply reply = http.server("POST", "/email", FakePostmark.TEST_TOKEN, EMAIL.replace("sender@example.com", "nobody"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(300);
    }

    @Test
    void testTokenBatchIsAccepted() {
        Reply reply = http.server("POST", "/email/batch", FakePostmark.TEST_TOKEN, "[" + EMAIL + "]");

        assertThat(reply.json().get(0).get("Message").asText()).isEqualTo("Test job accepted");
    }

    @Test
    void testTokenTemplateSendIs1101() {
        Reply reply = http.server("POST", "/email/withTemplate", FakePostmark.TEST_TOKEN,
                "{\"From\":\"sender@example.com\",\"To\":\"a@example.com\",\"TemplateAlias\":\"welcome\",\"TemplateModel\":{}}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(1101);
    }

    @Test
    void testTokenOnOtherEndpointsIs401() {
        assertThat(http.server("GET", "/server", FakePostmark.TEST_TOKEN, null).status()).isEqualTo(401);
        assertThat(http.server("GET", "/bounces?count=1&offset=0", FakePostmark.TEST_TOKEN, null).errorCode()).isEqualTo(10);
    }

    // ---- server, templates, bounces, streams, stats, webhooks ----

    @Test
    void editServerChangesNameAndSettings() {
        Reply reply = http.server("PUT", "/server", server.serverToken(), "{\"Name\":\"Renamed\",\"TrackOpens\":true}");

        assertThat(reply.json().get("Name").asText()).isEqualTo("Renamed");
        assertThat(reply.json().get("TrackOpens").asBoolean()).isTrue();
        assertThat(http.server("GET", "/server", server.serverToken(), null).json().get("Name").asText()).isEqualTo("Renamed");
    }

    @Test
    void templatesAreListedAndFoundByIdOrAlias() {
        long id = fake.addTemplate(server, "Welcome", "welcome");
        fake.addTemplate(server, "Receipt", "receipt");

        Reply list = http.server("GET", "/templates?Count=1&Offset=0&TemplateType=All", server.serverToken(), null);
        assertThat(list.json().get("TotalCount").asInt()).isEqualTo(2);
        assertThat(list.json().get("Templates")).hasSize(1);
        assertThat(list.json().get("Templates").get(0).get("TemplateId").asLong()).isEqualTo(id);
        assertThat(http.server("GET", "/templates/" + id, server.serverToken(), null).json().get("Alias").asText()).isEqualTo("welcome");
        assertThat(http.server("GET", "/templates/receipt", server.serverToken(), null).json().get("Name").asText()).isEqualTo("Receipt");
        Reply missing = http.server("GET", "/templates/999", server.serverToken(), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(1101);
    }

    @Test
    void templatesOfAnotherServerAreNotVisible() {
        Server other = fake.addServer("Other");
        long id = fake.addTemplate(other, "Secret", "secret");

        assertThat(http.server("GET", "/templates/" + id, server.serverToken(), null).status()).isEqualTo(404);
    }

    @Test
    void hardBounceIsListedAndActivatable() {
        long id = fake.addBounce(server, "gone@example.com", "HardBounce");
        fake.addBounce(server, "full@example.com", "SoftBounce");

        Reply list = http.server("GET", "/bounces?count=10&offset=0&inactive=true", server.serverToken(), null);
        assertThat(list.json().get("TotalCount").asInt()).isEqualTo(1);
        JsonNode bounce = list.json().get("Bounces").get(0);
        assertThat(bounce.get("ID").asLong()).isEqualTo(id);
        assertThat(bounce.get("Type").asText()).isEqualTo("HardBounce");
        assertThat(bounce.get("TypeCode").asInt()).isEqualTo(1);
        assertThat(http.server("GET", "/bounces/" + id, server.serverToken(), null).json().get("Email").asText())
                .isEqualTo("gone@example.com");
        assertThat(http.server("POST", "/email", server.serverToken(), EMAIL.replace("receiver@", "gone@")).errorCode())
                .isEqualTo(406);

        Reply activated = http.server("PUT", "/bounces/" + id + "/activate", server.serverToken(), null);

        assertThat(activated.json().get("Bounce").get("Inactive").asBoolean()).isFalse();
        assertThat(http.server("POST", "/email", server.serverToken(), EMAIL.replace("receiver@", "gone@")).status()).isEqualTo(200);
    }

    @Test
    void unknownBounceIs404() {
        assertThat(http.server("GET", "/bounces/42", server.serverToken(), null).status()).isEqualTo(404);
    }

    @Test
    void deliveryStatsCountBounces() {
        fake.addBounce(server, "gone@example.com", "HardBounce");

        Reply reply = http.server("GET", "/deliverystats", server.serverToken(), null);

        assertThat(reply.json().get("InactiveMails").asInt()).isEqualTo(1);
        assertThat(reply.json().get("Bounces").get(0).get("Count").asInt()).isEqualTo(1);
    }

    @Test
    void messageStreamsAndSuppressions() {
        fake.markInactive("blocked@example.com");

        Reply streams = http.server("GET", "/message-streams", server.serverToken(), null);
        Reply dump = http.server("GET", "/message-streams/outbound/suppressions/dump", server.serverToken(), null);

        assertThat(streams.json().get("MessageStreams")).extracting(stream -> stream.get("ID").asText())
                .contains("outbound", "inbound", "broadcast");
        assertThat(dump.json().get("Suppressions").get(0).get("EmailAddress").asText()).isEqualTo("blocked@example.com");
        assertThat(http.server("GET", "/message-streams/nope/suppressions/dump", server.serverToken(), null).status()).isEqualTo(404);
    }

    @Test
    void outboundStatsCountSentMessages() {
        http.server("POST", "/email", server.serverToken(), EMAIL);

        assertThat(http.server("GET", "/stats/outbound", server.serverToken(), null).json().get("Sent").asInt()).isEqualTo(1);
    }

    @Test
    void webhooksAreCreatedListedAndDeleted() {
        Reply created = http.server("POST", "/webhooks", server.serverToken(),
                "{\"Url\":\"https://example.com/hook\",\"Triggers\":{\"Bounce\":{\"Enabled\":true}}}");
        long id = created.json().get("ID").asLong();

        assertThat(created.json().get("Triggers").get("Bounce").get("Enabled").asBoolean()).isTrue();
        assertThat(http.server("GET", "/webhooks", server.serverToken(), null).json().get("Webhooks")).hasSize(1);
        assertThat(http.server("DELETE", "/webhooks/" + id, server.serverToken(), null).errorCode()).isZero();
        assertThat(http.server("GET", "/webhooks", server.serverToken(), null).json().get("Webhooks")).isEmpty();
        // Postmark answers a validation error (422), not 404, for a webhook that is gone
        assertThat(http.server("DELETE", "/webhooks/" + id, server.serverToken(), null).status()).isEqualTo(422);
    }

    @Test
    void webhookWithoutUrlIs422() {
        assertThat(http.server("POST", "/webhooks", server.serverToken(), "{}").status()).isEqualTo(422);
    }

    // ---- account ----

    @Test
    void accountListsGetsAndCreatesServers() {
        Reply created = http.account("POST", "/servers", accountToken, "{\"Name\":\"New\",\"DeliveryType\":\"Sandbox\"}");
        long id = created.json().get("ID").asLong();
        String newToken = created.json().get("ApiTokens").get(0).asText();

        assertThat(http.account("GET", "/servers?count=10&offset=0", accountToken, null).json().get("TotalCount").asInt()).isEqualTo(2);
        assertThat(http.account("GET", "/servers/" + id, accountToken, null).json().get("DeliveryType").asText()).isEqualTo("Sandbox");
        assertThat(http.server("GET", "/server", newToken, null).json().get("Name").asText()).isEqualTo("New");
        assertThat(http.account("GET", "/servers/1", accountToken, null).status()).isEqualTo(404);
        assertThat(http.account("POST", "/servers", accountToken, "{}").status()).isEqualTo(422);
    }

    @Test
    void accountManagesSenderSignatures() {
        fake.addSenderSignature("sender@example.com", "Sender", true);

        Reply created = http.account("POST", "/senders", accountToken, "{\"FromEmail\":\"new@example.org\",\"Name\":\"New\"}");
        Reply duplicate = http.account("POST", "/senders", accountToken, "{\"FromEmail\":\"new@example.org\",\"Name\":\"New\"}");
        Reply list = http.account("GET", "/senders?count=10&offset=0", accountToken, null);

        assertThat(created.json().get("Confirmed").asBoolean()).isFalse();
        assertThat(created.json().get("Domain").asText()).isEqualTo("example.org");
        assertThat(duplicate.errorCode()).isEqualTo(504);
        assertThat(list.json().get("TotalCount").asInt()).isEqualTo(2);
        assertThat(list.json().get("SenderSignatures").get(0).get("EmailAddress").asText()).isEqualTo("sender@example.com");
    }

    @Test
    void accountManagesDomains() {
        long seeded = fake.addDomain("example.com");

        Reply created = http.account("POST", "/domains", accountToken, "{\"Name\":\"example.org\"}");
        long id = created.json().get("ID").asLong();
        Reply verified = http.account("PUT", "/domains/" + id + "/verifyDkim", accountToken, null);

        assertThat(created.json().get("DKIMVerified").asBoolean()).isFalse();
        assertThat(verified.json().get("DKIMVerified").asBoolean()).isTrue();
        assertThat(http.account("GET", "/domains?count=10&offset=0", accountToken, null).json().get("TotalCount").asInt()).isEqualTo(2);
        assertThat(http.account("GET", "/domains/" + seeded, accountToken, null).json().get("Name").asText()).isEqualTo("example.com");
        Reply missing = http.account("GET", "/domains/1", accountToken, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(510);
        assertThat(http.account("POST", "/domains", accountToken, "{\"Name\":\"example.org\"}").status()).isEqualTo(422);
    }

    @Test
    void demoSeedWorksWithItsTokens() {
        FakePostmark.Demo demo = fake.seedDemo();

        Reply serverReply = http.server("GET", "/server", demo.server().serverToken(), null);
        Reply templates = http.server("GET", "/templates?count=10&offset=0", demo.server().serverToken(), null);
        Reply domains = http.account("GET", "/domains?count=10&offset=0", demo.accountToken(), null);

        assertThat(serverReply.json().get("Name").asText()).isEqualTo("Demo Server");
        assertThat(templates.json().get("Templates").get(0).get("Alias").asText()).isEqualTo("welcome");
        assertThat(domains.json().get("Domains").get(0).get("Name").asText()).isEqualTo("example.com");
        assertThat(demo.toString()).doesNotContain(demo.accountToken()).doesNotContain(demo.server().serverToken());
    }

    @Test
    void outboundMessagesAreListedNewestFirst() {
        String first = http.server("POST", "/email", server.serverToken(), EMAIL).json().get("MessageID").asText();
        String second = http.server("POST", "/email", server.serverToken(), EMAIL).json().get("MessageID").asText();

        JsonNode messages = http.server("GET", "/messages/outbound?count=10&offset=0", server.serverToken(), null).json().get("Messages");

        assertThat(messages).extracting(message -> message.get("MessageID").asText()).containsExactly(second, first);
    }

    @Test
    void runnerReadsItsPort() {
        assertThat(FakePostmark.port(new String[0])).isEqualTo(8081);
        assertThat(FakePostmark.port(new String[] {"--port", "9000"})).isEqualTo(9000);
        assertThat(FakePostmark.port(new String[] {"--port=9001"})).isEqualTo(9001);
        assertThatThrownBy(() -> FakePostmark.port(new String[] {"--port", "x"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakePostmark.port(new String[] {"--verbose"})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seedingRejectsNonsense() {
        assertThatThrownBy(() -> fake.addServer("x", "Production")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fake.addBounce(server, "a@example.com", "Nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fake.addSenderSignature("nope", "x", true)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String recipients(int n) {
        return IntStream.range(0, n).mapToObj(i -> "r" + i + "@example.com").collect(Collectors.joining(", "));
    }
}
