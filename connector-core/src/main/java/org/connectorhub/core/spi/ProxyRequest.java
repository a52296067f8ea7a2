package org.connectorhub.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.connectorhub.core.domain.Mode;

/**
 * One proxied call as a connector gets it: a checked path, the allowed headers only, and the one
 * credential value its {@link ProxySupport#authenticate} asked for. {@link #toString()} never
 * prints the credential.
 */
public record ProxyRequest(
        String method,
        ProxyPath path,
        Map<String, List<String>> headers,
        ProxyAuth auth,
        String credential,
        Mode mode,
        ProxyBody body) {
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public ProxyRequest {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        headers = ProxyHeaders.request(requireNonNull(headers, "headers is null"));
        requireNonNull(auth, "auth is null");
        requireNonNull(credential, "credential is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(body, "body is null");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("not a proxied method: " + method);
        }
    }

    /** Whether the provider may act on it twice without harm (a read). */
    public boolean idempotentMethod() {
        return method.equals("GET");
    }

    @Override
    public String toString() {
        return "ProxyRequest{" + method + " " + path + ", auth=" + auth.credentialField() + ", mode=" + mode + ", "
                + body + "}";
    }
}
