package org.connectorhub.postmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.core.spi.ConnectorFactory;
import org.connectorhub.testkit.ConnectorBehavior;
import org.connectorhub.testkit.ConnectorContract;
import org.connectorhub.testkit.InvalidCredentials;
import org.connectorhub.testkit.fake.FakeProviderServer;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Postmark passes the connector contract against the fake Postmark: a Server API Token, an
 * optional Account API Token that unlocks the {@code account} scope, and Postmark's public test
 * token.
 */
class PostmarkConnectorContractTest extends ConnectorContract {
    private FakePostmark postmark;
    private FakePostmark.Server server;
    private String accountToken;
    /** Sender signatures and domains must be new on every call. */
    private final AtomicInteger fresh = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected ConnectorFactory factory() {
        return new PostmarkConnectorFactory();
    }

    @Override
    protected FakeProviderServer startFakeProvider() {
        postmark = FakePostmark.start();
        server = postmark.addServer("Contract Server");
        accountToken = postmark.addAccountToken();
        postmark.addTemplate(server, "Welcome", "welcome");
        // the contract makes a fresh webhook for every batch of action runs, far beyond Postmark's 10 per stream
        postmark.webhookSettings().limitPerStream(Integer.MAX_VALUE);
        return postmark.http();
    }

    @Override
    protected void stopFakeProvider(FakeProviderServer http) {
        postmark.close();
    }

    @Override
    protected Credentials validCredentials() {
        return Credentials.of(PostmarkCredentialSchema.SERVER_TOKEN, server.serverToken(),
                PostmarkCredentialSchema.ACCOUNT_TOKEN, accountToken);
    }

    /** A well-formed Server API Token that Postmark does not know. */
    @Override
    protected InvalidCredentials invalidCredentials() {
        return new InvalidCredentials(
                Credentials.of(PostmarkCredentialSchema.SERVER_TOKEN, "5f0c4a77-0e45-4c4e-9d3b-6f1f2b0c9a11"),
                PostmarkCredentialSchema.SERVER_TOKEN);
    }

    /** Called for every run of an action: each write gets fresh state (a new webhook to delete, new names). */
    @Override
    protected Map<String, Map<String, Object>> sampleInputs() {
        int n = fresh.incrementAndGet();
        Map<String, Object> email = Map.of("from", "sender@example.com", "to", "ada@example.com",
                "subject", "Hello", "text_body", "Hello from the contract.");
        return Map.ofEntries(
                Map.entry("send_email", email),
                Map.entry("send_email_batch", Map.of("messages", List.of(email))),
                Map.entry("send_email_with_template", Map.of("template_alias", "welcome",
                        "template_model", Map.of("name", "Ada"), "from", "sender@example.com", "to", "ada@example.com")),
                Map.entry("create_webhook", Map.of("url", "https://hooks.example.com/postmark/" + n)),
                Map.entry("delete_webhook", Map.of("webhook_id", newWebhook(n))),
                Map.entry("create_server", Map.of("name", "Contract server " + n)),
                Map.entry("create_sender_signature", Map.of("from_email", "sender-" + n + "@example.com",
                        "name", "Sender " + n)),
                Map.entry("create_domain", Map.of("name", "contract-" + n + ".example.com")),
                Map.entry("list_templates", Map.of("count", 10, "offset", 0)),
                Map.entry("list_servers", Map.of("count", 10, "offset", 0)),
                Map.entry("get_server_by_id", Map.of("server_id", server.id())));
    }

    /** A webhook on the fake, made through its API (the fake has no shortcut for webhooks). */
    private long newWebhook(int n) {
        HttpRequest create = HttpRequest.newBuilder(postmark.baseUri().resolve("/webhooks"))
                .timeout(Duration.ofSeconds(5))
                .header("X-Postmark-Server-Token", server.serverToken())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Url\":\"https://hooks.example.com/old/" + n + "\"}"))
                .build();
        try {
            HttpResponse<String> response = http.send(create, HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body()).path("ID").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a webhook", e);
        }
    }

    @Override
    protected Optional<Module> guiceModule(ConnectorConfig config) {
        return Optional.of(new PostmarkModule(config));
    }

    @Override
    protected boolean hasBehavior(ConnectorBehavior behavior) {
        return switch (behavior) {
            case HAS_OPTIONAL_SCOPES, HAS_TEST_CREDENTIALS, SUPPORTS_PROXY, SUPPORTS_PROVIDER_EVENTS -> true;
            default -> super.hasBehavior(behavior);
        };
    }
}
