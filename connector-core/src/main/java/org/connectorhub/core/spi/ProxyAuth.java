package org.connectorhub.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * How one proxied call authenticates: the credential field whose value goes in {@code header},
 * and the scope the account must have. Exactly one credential goes out per call.
 */
public record ProxyAuth(String credentialField, String header, String scope) {
    public ProxyAuth {
        requireNonNull(credentialField, "credentialField is null");
        requireNonNull(header, "header is null");
        requireNonNull(scope, "scope is null");
    }
}
