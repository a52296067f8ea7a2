package org.connectorhub.hub.config;

/**
 * The proxy's settings (the {@code proxy} section of {@link HubConfig}), from {@code HUB_PROXY_*} variables.
 *
 * @param maxBodyBytes {@code HUB_PROXY_MAX_BODY_BYTES} (10 MB): the largest request body passed on,
 *                     and the largest answer passed back
 */
public record ProxySettings(long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    public ProxySettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("HUB_PROXY_MAX_BODY_BYTES must be positive: " + maxBodyBytes);
        }
    }
}
