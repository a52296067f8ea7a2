package org.connectorhub.hub.http;

import org.connectorhub.hub.config.HttpConfig;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/** The hub's base URL as end users reach it ({@code HUB_PUBLIC_URL}, else localhost on the bound port). */
@Singleton
public final class PublicUrl {
    private final HttpConfig config;
    private volatile int boundPort;

    @Inject
    public PublicUrl(HttpConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.boundPort = config.port();
    }

    void bound(int port) {
        this.boundPort = port;
    }

    public String base() {
        return config.publicUrl(boundPort);
    }
}
