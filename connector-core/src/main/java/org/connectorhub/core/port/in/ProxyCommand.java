package org.connectorhub.core.port.in;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.spi.ProxyBody;
import org.connectorhub.core.spi.ProxyHeaders;

/**
 * One call to pass through to an account's provider: the path as the caller sent it (percent-encoded,
 * relative to the provider's API), its raw query, and the caller's headers (only the allowed ones
 * are kept, so the caller's {@code Authorization} never even enters the command).
 */
public record ProxyCommand(
        String projectId,
        String accountId,
        String method,
        String rawPath,
        Optional<String> rawQuery,
        Map<String, List<String>> headers,
        ProxyBody body) {
    public ProxyCommand {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        headers = ProxyHeaders.request(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }
}
