package org.connectorhub.postmark;

import java.util.HashSet;
import java.util.Set;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.core.spi.ConnectorFactory;

/**
 * Entry point found through {@code META-INF/services}. Settings: {@code base_url} (default
 * https://api.postmarkapp.com), {@code connect_timeout_ms} (5000), {@code read_timeout_ms}
 * (30000), {@code max_attempts} (3), {@code max_retry_wait_ms} (10000), {@code max_connections} (64:
 * open connections to Postmark at most, shared by all tokens; a call beyond it waits for a free one
 * up to the connect timeout, then fails as "provider unavailable"). {@code client_cache_size} is
 * accepted and ignored: there is no per-token client left to cache.
 */
public final class PostmarkConnectorFactory implements ConnectorFactory {
    @Override
    public String provider() {
        return PostmarkCredentialSchema.PROVIDER;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        return PostmarkConnector.create(PostmarkSettings.from(config));
    }

    @Override
    public Set<String> settingKeys() {
        Set<String> keys = new HashSet<>(ConnectorConfig.COMMON_KEYS);
        keys.add(PostmarkSettings.CLIENT_CACHE_SIZE);
        keys.add(PostmarkSettings.MAX_CONNECTIONS);
        return Set.copyOf(keys);
    }
}
