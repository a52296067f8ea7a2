package org.connectorhub.testkit.postmark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.postmarkapp.postmark.Postmark;
import com.postmarkapp.postmark.client.AccountApiClient;
import com.postmarkapp.postmark.client.ApiClient;
import com.postmarkapp.postmark.client.Parameters;
import com.postmarkapp.postmark.client.data.model.bounces.Bounce;
import com.postmarkapp.postmark.client.data.model.bounces.Bounces;
import com.postmarkapp.postmark.client.data.model.domains.Domain;
import com.postmarkapp.postmark.client.data.model.domains.Domains;
import com.postmarkapp.postmark.client.data.model.message.Message;
import com.postmarkapp.postmark.client.data.model.message.MessageResponse;
import com.postmarkapp.postmark.client.data.model.senders.Signature;
import com.postmarkapp.postmark.client.data.model.senders.Signatures;
import com.postmarkapp.postmark.client.data.model.server.Server;
import com.postmarkapp.postmark.client.data.model.servers.Servers;
import com.postmarkapp.postmark.client.data.model.templates.BaseTemplate;
import com.postmarkapp.postmark.client.data.model.templates.Templates;
import com.postmarkapp.postmark.client.data.model.webhooks.HttpAuth;
import com.postmarkapp.postmark.client.data.model.webhooks.Webhook;
import com.postmarkapp.postmark.client.data.model.webhooks.WebhookTriggers;
import com.postmarkapp.postmark.client.data.model.webhooks.triggers.BounceWebhookTrigger;
import com.postmarkapp.postmark.client.data.model.webhooks.triggers.WebhookTrigger;
import com.postmarkapp.postmark.client.exception.InvalidAPIKeyException;
import com.postmarkapp.postmark.client.exception.InvalidMessageException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Java client ({@code com.postmarkapp:postmark} 1.13.0) against the fake. The client
 * takes a host instead of a URL and a {@code secure} flag that picks {@code https://} or
 * {@code http://}: {@code Postmark.getApiClient(token, false, "127.0.0.1:PORT")} reaches the fake
 * over plain HTTP, within its public API. It sends paths as {@code /server/}, {@code /deliveryStats/},
 * {@code /verifyDKIM}, so the fake accepts trailing slashes and any path case, as Postmark does.
 */
class OfficialClientFidelityTest {
    // the client's Apache HttpClient logs headers, tokens included, at DEBUG; keep them out of test output
    private static final Logger WIRE = (Logger) LoggerFactory.getLogger("org.apache.hc");
    private static Level wireLevel;

    private FakePostmark fake;
    private FakePostmark.Server server;
    private String accountToken;
    private String host;

    @BeforeAll
    static void quietWireLogs() {
        wireLevel = WIRE.getLevel();
        WIRE.setLevel(Level.INFO);
    }

    @AfterAll
    static void restoreWireLogs() {
        WIRE.setLevel(wireLevel);
    }

    @BeforeEach
    void start() {
        fake = FakePostmark.start();
        server = fake.addServer("Fidelity Server");
        accountToken = fake.addAccountToken();
        host = fake.baseUri().getAuthority();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private ApiClient serverClient(String token) {
        ApiClient client = Postmark.getApiClient(token, false, host);
        client.setConnectTimeoutSeconds(2);
        client.setReadTimeoutSeconds(5);
        return client;
    }

    private AccountApiClient accountClient(String token) {
        AccountApiClient client = Postmark.getAccountApiClient(token, false, host);
        client.setConnectTimeoutSeconds(2);
        client.setReadTimeoutSeconds(5);
        return client;
    }

    private static Parameters page() {
        return Parameters.init().build("count", 10).build("offset", 0);
    }

    @Test
    void getServerReturnsSeededServer() throws Exception {
        Server read = serverClient(server.serverToken()).getServer();

        assertThat(read.getId()).isEqualTo((int) server.id());
        assertThat(read.getName()).isEqualTo("Fidelity Server");
        assertThat(read.getDeliveryType()).isEqualTo("Live");
        assertThat(read.getApiTokens()).containsExactly(server.serverToken());
        assertThat(fake.http().requests("GET", "/server")).singleElement()
                .satisfies(request -> assertThat(request.header("X-Postmark-Server-Token")).hasValue(server.serverToken()));
    }

    @Test
    void deliverMessageIsAccepted() throws Exception {
        Message message = new Message();
        message.setFrom("sender@example.com");
        message.setTo("receiver@example.com");
        message.setSubject("Fidelity");
        message.setTextBody("Hello from the official client");

        MessageResponse response = serverClient(server.serverToken()).deliverMessage(message);

        assertThat(response.getErrorCode()).isZero();
        assertThat(response.getMessage()).isEqualTo("OK");
        assertThat(response.getMessageId()).isNotBlank();
        assertThat(response.getSubmittedAt()).isNotNull();
        assertThat(fake.sentEmails()).singleElement()
                .satisfies(sent -> assertThat(sent).containsEntry("Subject", "Fidelity").containsEntry("To", "receiver@example.com"));
    }

    @Test
    void deliverMessageWithTestTokenIsAcceptedWithoutDelivery() throws Exception {
        Message message = new Message("sender@example.com", "receiver@example.com", "Subject", "<p>Body</p>");

        MessageResponse response = serverClient(FakePostmark.TEST_TOKEN).deliverMessage(message);

        assertThat(response.getMessage()).isEqualTo("Test job accepted");
    }

    @Test
    void invalidMessageRaisesInvalidMessageException() {
        Message message = new Message();
        message.setFrom("not-an-address");
        message.setTo("receiver@example.com");
        message.setTextBody("x");

        assertThatThrownBy(() -> serverClient(server.serverToken()).deliverMessage(message))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.getErrorCode()).isEqualTo(300));
    }

    @Test
    void batchDeliveryAnswersEachMessage() throws Exception {
        Message good = new Message("sender@example.com", "a@example.com", "Subject", "<p>Body</p>");
        Message other = new Message("sender@example.com", "b@example.com", "Subject", "<p>Body</p>");

        List<MessageResponse> responses = serverClient(server.serverToken()).deliverMessage(List.of(good, other));

        assertThat(responses).hasSize(2).allSatisfy(response -> assertThat(response.getErrorCode()).isZero());
    }

    @Test
    void getTemplatesReturnsSeededTemplates() throws Exception {
        long id = fake.addTemplate(server, "Welcome", "welcome");

        Templates templates = serverClient(server.serverToken()).getTemplates(page());

        assertThat(templates.getTotalCount()).isEqualTo(1);
        BaseTemplate template = templates.getTemplates().get(0);
        assertThat(template.getTemplateId()).isEqualTo((int) id);
        assertThat(template.getName()).isEqualTo("Welcome");
        assertThat(template.getAlias()).isEqualTo("welcome");
        assertThat(template.getActive()).isTrue();
    }

    @Test
    void getBouncesReturnsSeededBounces() throws Exception {
        long id = fake.addBounce(server, "gone@example.com", "HardBounce");

        Bounces bounces = serverClient(server.serverToken()).getBounces(page());

        assertThat(bounces.getTotalCount()).isEqualTo(1);
        Bounce bounce = bounces.getBounces().get(0);
        assertThat(bounce.getId()).isEqualTo(id);
        assertThat(bounce.getEmail()).isEqualTo("gone@example.com");
        assertThat(bounce.getType()).isEqualTo("HardBounce");
        assertThat(bounce.getInactive()).isTrue();
        assertThat(bounce.getBouncedAt()).isNotNull();
    }

    @Test
    void deliveryStatsUseTheClientsPathCase() throws Exception {
        fake.addBounce(server, "gone@example.com", "HardBounce");

        assertThat(serverClient(server.serverToken()).getDeliveryStats().getInactiveMails()).isEqualTo(1);
    }

    @Test
    void accountClientListsServers() throws Exception {
        Servers servers = accountClient(accountToken).getServers(page());

        assertThat(servers.getTotalCount()).isEqualTo(1);
        assertThat(servers.getServers()).extracting(Server::getName).containsExactly("Fidelity Server");
    }

    @Test
    void accountClientListsSenderSignatures() throws Exception {
        fake.addSenderSignature("sender@example.com", "Sender", true);

        Signatures signatures = accountClient(accountToken).getSenderSignatures(page());

        assertThat(signatures.getTotalCount()).isEqualTo(1);
        Signature signature = signatures.getSenderSignatures().get(0);
        assertThat(signature.getEmailAddress()).isEqualTo("sender@example.com");
        assertThat(signature.getName()).isEqualTo("Sender");
        assertThat(signature.getDomain()).isEqualTo("example.com");
        assertThat(signature.getConfirmed()).isTrue();
    }

    @Test
    void accountClientListsDomains() throws Exception {
        long id = fake.addDomain("example.com");

        Domains domains = accountClient(accountToken).getDomains(page());

        assertThat(domains.getTotalCount()).isEqualTo(1);
        Domain domain = domains.getDomains().get(0);
        assertThat(domain.getId()).isEqualTo((int) id);
        assertThat(domain.getName()).isEqualTo("example.com");
        assertThat(domain.getDkimVerified()).isTrue();
        assertThat(domain.getSpfVerified()).isTrue();
    }

    @Test
    void accountClientVerifiesDkimOnTheClientsPath() throws Exception {
        long id = fake.addDomain("example.org");

        assertThat(accountClient(accountToken).verifyDomainDKIM((int) id).getName()).isEqualTo("example.org");
    }

    @Test
    void badServerTokenRaisesInvalidApiKeyException() {
        assertThatThrownBy(() -> serverClient("00000000-0000-0000-0000-000000000000").getServer())
                .isInstanceOfSatisfying(InvalidAPIKeyException.class, e -> assertThat(e.getErrorCode()).isEqualTo(10));
    }

    @Test
    void accountTokenAsServerTokenRaisesInvalidApiKeyException() {
        assertThatThrownBy(() -> serverClient(accountToken).getServer()).isInstanceOf(InvalidAPIKeyException.class);
    }

    @Test
    void badAccountTokenRaisesInvalidApiKeyException() {
        assertThatThrownBy(() -> accountClient(server.serverToken()).getServers(page()))
                .isInstanceOf(InvalidAPIKeyException.class);
    }

    @Test
    void revokedTokenRaisesInvalidApiKeyException() {
        fake.revoke(server.serverToken());

        assertThatThrownBy(() -> serverClient(server.serverToken()).getServer()).isInstanceOf(InvalidAPIKeyException.class);
    }

    @Test
    void clientSendsTheJsonHeadersTheFakeRequires() throws Exception {
        Message message = new Message("sender@example.com", "receiver@example.com", "Subject", "<p>Body</p>");
        serverClient(server.serverToken()).deliverMessage(message);

        assertThat(fake.http().requests("POST", "/email")).singleElement().satisfies(request -> {
            assertThat(request.header("Accept")).hasValueSatisfying(accept -> assertThat(accept).contains("application/json"));
            assertThat(request.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        });
    }

    @Test
    void webhooksRoundTripThroughTheOfficialClient() throws Exception {
        ApiClient client = serverClient(server.serverToken());
        WebhookTriggers triggers = new WebhookTriggers();
        triggers.setBounce(new BounceWebhookTrigger(true, true));
        Webhook created = client.createWebhook(new Webhook("https://hooks.acme.test/pm", new HttpAuth("pm", "s3cret"), triggers));

        assertThat(created.getId()).isPositive();
        assertThat(created.getMessageStream()).isEqualTo("outbound");
        assertThat(created.getHttpAuth().getUsername()).isEqualTo("pm");
        assertThat(created.getTriggers().getBounce().isIncludeContent()).isTrue();
        assertThat(created.getTriggers().getClick().isEnabled()).isFalse();

        WebhookTriggers click = new WebhookTriggers();
        click.setClick(new WebhookTrigger(true));
        Webhook edit = new Webhook();
        edit.setTriggers(click);
        Webhook edited = client.setWebhook(created.getId(), edit);

        assertThat(edited.getTriggers().getClick().isEnabled()).isTrue();
        assertThat(client.getWebhook(created.getId()).getUrl()).isEqualTo("https://hooks.acme.test/pm");
        assertThat(client.getWebhooks().getWebhooks()).singleElement()
                .satisfies(webhook -> assertThat(webhook.getId()).isEqualTo(created.getId()));
        client.deleteWebhook(created.getId());
        assertThat(client.getWebhooks().getWebhooks()).isEmpty();
    }
}
