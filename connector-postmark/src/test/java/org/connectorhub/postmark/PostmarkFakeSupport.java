package org.connectorhub.postmark;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Builds a connector pointed at a fake Postmark on loopback. Normal calls get a read timeout
 * with room for a loaded CI machine; timeout tests use {@link #SHORT_READ_TIMEOUT_MS} and a
 * longer delay on the fake.
 */
final class PostmarkFakeSupport {
    static final String UNKNOWN_TOKEN = "00000000-1111-4222-8333-444444444444";
    static final String SHORT_READ_TIMEOUT_MS = "300";
    /** Longer than the short read timeout by far, so the timeout always fires first. */
    static final java.time.Duration SLOW = java.time.Duration.ofMillis(1500);

    private PostmarkFakeSupport() {
    }

    static Map<String, String> config(FakePostmark fake) {
        Map<String, String> config = new HashMap<>();
        config.put(ConnectorConfig.BASE_URL, fake.baseUri().toString());
        config.put(ConnectorConfig.CONNECT_TIMEOUT_MS, "1000");
        config.put(ConnectorConfig.READ_TIMEOUT_MS, "5000");
        config.put(ConnectorConfig.MAX_ATTEMPTS, "3");
        config.put(ConnectorConfig.MAX_RETRY_WAIT_MS, "2000");
        return config;
    }

    static Connector connector(FakePostmark fake) {
        return new PostmarkConnectorFactory().create(new ConnectorConfig(config(fake)));
    }

    static Connector connector(FakePostmark fake, String key, String value) {
        Map<String, String> config = config(fake);
        config.put(key, value);
        return new PostmarkConnectorFactory().create(new ConnectorConfig(config));
    }

    static Connector withShortReadTimeout(FakePostmark fake) {
        return connector(fake, ConnectorConfig.READ_TIMEOUT_MS, SHORT_READ_TIMEOUT_MS);
    }

    static Credentials server(String serverToken) {
        return Credentials.of(PostmarkCredentialSchema.SERVER_TOKEN, serverToken);
    }

    static Credentials both(String serverToken, String accountToken) {
        return Credentials.of(PostmarkCredentialSchema.SERVER_TOKEN, serverToken,
                PostmarkCredentialSchema.ACCOUNT_TOKEN, accountToken);
    }

    static ActionRequest request(Credentials credentials, Map<String, Object> input) {
        return new ActionRequest(credentials, Mode.PRODUCTION, new ProviderAccount("1", "Main"), input,
                Optional.empty());
    }

    static ActionRequest testModeRequest(Map<String, Object> input) {
        return new ActionRequest(server(FakePostmark.TEST_TOKEN), Mode.TEST, PostmarkAuthVerifier.TEST_ACCOUNT,
                input, Optional.empty());
    }
}
