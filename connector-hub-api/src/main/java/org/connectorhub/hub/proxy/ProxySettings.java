package org.connectorhub.hub.proxy;

import org.connectorhub.hub.config.HubConfig;

/**
 * The proxy's settings, from {@code HUB_PROXY_*} variables (they reach {@link HubConfig} like any
 * other {@code HUB_<NAME>_<KEY>} variable).
 *
 * @param maxBodyBytes {@code HUB_PROXY_MAX_BODY_BYTES} (10 MB): the largest request body passed on,
 *                     and the largest answer passed back
 */
public record ProxySettings(long maxBodyBytes) {
    public static final String PREFIX = "proxy";
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    public ProxySettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("HUB_PROXY_MAX_BODY_BYTES must be positive: " + maxBodyBytes);
        }
    }

    public static ProxySettings from(HubConfig config) {
        return new ProxySettings(config.connectorConfig(PREFIX).get("max_body_bytes").map(v -> {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("HUB_PROXY_MAX_BODY_BYTES must be a number of bytes: " + v);
            }
        }).orElse(DEFAULT_MAX_BODY_BYTES));
    }
}
