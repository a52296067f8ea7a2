package org.connectorhub.postmark;

import com.google.inject.Module;
import java.util.Map;
import java.util.Optional;
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

    @Override
    protected Map<String, Map<String, Object>> sampleInputs() {
        return Map.of(
                "send_email", Map.of("from", "sender@example.com", "to", "ada@example.com",
                        "subject", "Hello", "text_body", "Hello from the contract."),
                "list_templates", Map.of("count", 10, "offset", 0),
                "list_servers", Map.of("count", 10, "offset", 0),
                "get_server_by_id", Map.of("server_id", server.id()));
    }

    @Override
    protected Optional<Module> guiceModule(ConnectorConfig config) {
        return Optional.of(new PostmarkModule(config));
    }

    @Override
    protected boolean hasBehavior(ConnectorBehavior behavior) {
        return switch (behavior) {
            case HAS_OPTIONAL_SCOPES, HAS_TEST_CREDENTIALS, SUPPORTS_PROXY -> true;
            default -> super.hasBehavior(behavior);
        };
    }
}
