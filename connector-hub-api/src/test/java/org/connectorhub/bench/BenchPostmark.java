package org.connectorhub.bench;

import java.time.Duration;
import com.postmarkapp.postmark.Postmark;
import com.postmarkapp.postmark.client.ApiClient;
import com.postmarkapp.postmark.client.data.model.message.Message;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.postmark.PostmarkConnectorFactory;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * The two sides of the send_email comparison against one fake Postmark: our adapter, built by
 * its public factory as the hub builds it, and the official client {@code com.postmarkapp:postmark}.
 * The same message on both sides: one sender, one recipient, a subject and a text body.
 */
final class BenchPostmark {
    static final String FROM = "sender@example.com";
    static final String TO = "receiver@example.com";
    static final String SUBJECT = "Benchmark";
    static final String TEXT = "Hello from the benchmark";

    private BenchPostmark() {
    }

    /** Production-like logging; the official client's header logs (tokens included) stay off. */
    static void quietLogs() {
        BenchLogging.configure();
    }

    /** Our adapter with no retries and the hub's test timeouts, as the hub's tests configure it. */
    static Connector adapter(URI baseUri) {
        return new PostmarkConnectorFactory().create(new ConnectorConfig(Map.of(
                ConnectorConfig.BASE_URL, baseUri.toString(),
                ConnectorConfig.MAX_ATTEMPTS, "1",
                ConnectorConfig.CONNECT_TIMEOUT_MS, "2000",
                ConnectorConfig.READ_TIMEOUT_MS, "10000")));
    }

    static ConnectorAction sendEmail(Connector connector) {
        return connector.action("send_email").orElseThrow(() -> new IllegalStateException("no send_email action"));
    }

    static Map<String, Object> emailInput() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", FROM);
        input.put("to", TO);
        input.put("subject", SUBJECT);
        input.put("text_body", TEXT);
        return input;
    }

    static ActionRequest sendRequest(FakePostmark.Server server) {
        return new ActionRequest(Credentials.of("server_token", server.serverToken()), Mode.PRODUCTION,
                new ProviderAccount(String.valueOf(server.id()), server.name()), emailInput(), Optional.empty());
    }

    /** The official client over plain HTTP to the fake, as OfficialClientFidelityTest reaches it. */
    static ApiClient official(FakePostmark fake, String serverToken) {
        ApiClient client = Postmark.getApiClient(serverToken, false, fake.baseUri().getAuthority());
        client.setConnectTimeoutSeconds(2);
        client.setReadTimeoutSeconds(10);
        return client;
    }

    static Message message() {
        Message message = new Message();
        message.setFrom(FROM);
        message.setTo(TO);
        message.setSubject(SUBJECT);
        message.setTextBody(TEXT);
        return message;
    }

    /**
     * The fake keeps every request in a copy-on-write list (copied on each add) and every sent
     * message: under sustained load that would make the fake, not the clients, the bottleneck. A
     * janitor clears the recorded requests while a run goes on; each run gets a fresh fake.
     */
    static AutoCloseable janitor(FakePostmark fake) {
        return Periodic.every(Duration.ofMillis(50), "bench-fake-janitor", () -> fake.http().clearRequests());
    }
}
