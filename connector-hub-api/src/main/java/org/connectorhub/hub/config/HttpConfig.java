package org.connectorhub.hub.config;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** Where the HTTP API listens and how it is reached ({@code HUB_HOST}, {@code HUB_PORT}, ...). */
@Value.Immutable
public abstract class HttpConfig {
    // loopback unless told otherwise: a hub holding credentials is not exposed by accident
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    @Value.Default
    public String host() {
        return DEFAULT_HOST;
    }

    /** 0 picks a free port. */
    @Value.Default
    public int port() {
        return DEFAULT_PORT;
    }

    @Value.Default
    public long maxBodyBytes() {
        return DEFAULT_MAX_BODY_BYTES;
    }

    /** Base URL of the hub as end users reach it, as configured. */
    public abstract Optional<String> publicUrl();

    /** Origins allowed to embed the default project's Hub page; empty leaves the stored ones alone. */
    public abstract List<String> allowedOrigins();

    /** The public URL without a trailing slash; localhost on the bound port when none is configured. */
    public String publicUrl(int boundPort) {
        String url = publicUrl().orElse("http://localhost:" + boundPort);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static HttpConfig defaults() {
        return ImmutableHttpConfig.builder().build();
    }

    @Value.Check
    protected void check() {
        if (port() < 0 || port() > 65535) {
            throw new IllegalArgumentException("HUB_PORT must be between 0 and 65535: " + port());
        }
        if (maxBodyBytes() < 1) {
            throw new IllegalArgumentException("HUB_MAX_BODY_BYTES must be positive: " + maxBodyBytes());
        }
        if (!AllowedOrigins.normalize(allowedOrigins()).equals(allowedOrigins())) {
            throw new IllegalArgumentException("allowed origins must be normalized (AllowedOrigins.normalize)");
        }
    }
}
