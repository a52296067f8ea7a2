package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import org.connectorhub.core.spi.ConnectorConfig;

/** The connector's settings, read once from {@link ConnectorConfig} with Postmark's defaults. */
record PostmarkSettings(URI baseUrl, Duration connectTimeout, Duration readTimeout, int maxAttempts,
        Duration maxRetryWait, int maxConnections) {
    static final String DEFAULT_BASE_URL = "https://api.postmarkapp.com";
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(10);
    /**
     * No longer used, and ignored whatever its value: the adapter once kept a client per token, up
     * to this many. Now one client per API serves every token, so there is nothing to size. Still
     * accepted (e.g. {@code HUB_POSTMARK_CLIENT_CACHE_SIZE}) so existing configurations keep working.
     */
    static final String CLIENT_CACHE_SIZE = "client_cache_size";
    /**
     * Open connections to Postmark at most, for all accounts together (Postmark is one host, so this is
     * also the per-route cap). A caller beyond it waits for a free connection up to the connect timeout.
     */
    static final String MAX_CONNECTIONS = "max_connections";
    static final int DEFAULT_MAX_CONNECTIONS = 64;

    PostmarkSettings {
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        requireNonNull(maxRetryWait, "maxRetryWait is null");
        if (!"https".equals(baseUrl.getScheme()) && !"http".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("base_url must be an http(s) URL: " + baseUrl);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max_attempts must be at least 1");
        }
        if (maxRetryWait.isNegative()) {
            throw new IllegalArgumentException("max_retry_wait_ms must not be negative");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max_connections must be at least 1");
        }
    }

    static PostmarkSettings from(ConnectorConfig config) {
        requireNonNull(config, "config is null");
        String base = config.get(ConnectorConfig.BASE_URL, DEFAULT_BASE_URL).strip();
        return new PostmarkSettings(
                URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base),
                config.millis(ConnectorConfig.CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT),
                config.millis(ConnectorConfig.READ_TIMEOUT_MS, DEFAULT_READ_TIMEOUT),
                config.integer(ConnectorConfig.MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS),
                config.millis(ConnectorConfig.MAX_RETRY_WAIT_MS, DEFAULT_MAX_RETRY_WAIT),
                config.integer(MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS));
    }
}
