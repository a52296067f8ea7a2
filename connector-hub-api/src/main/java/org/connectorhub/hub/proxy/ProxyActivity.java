package org.connectorhub.hub.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.connectorhub.core.domain.InvalidProxyPathException;
import org.connectorhub.core.spi.ProxyPath;

/**
 * What a proxied call's activity entry says it did: the method and the checked path, with the
 * values of query parameters that look like secrets (by name, or a value shaped like a token)
 * replaced. A refused path is not repeated at all.
 */
final class ProxyActivity {
    static final String KIND = "proxy";
    static final String REDACTED = "REDACTED";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(token|secret|passw|pwd|key|auth|signature|sig|session|credential|cookie|bearer).*");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)(%[0-9a-f]{2}|[-a-z0-9_+/=.~]){24,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ProxyActivity() {
    }

    static String what(String method, String rawPath, Optional<String> rawQuery) {
        ProxyPath path;
        try {
            path = ProxyPath.parse(rawPath, rawQuery.orElse(null));
        } catch (InvalidProxyPathException refused) {
            return method + " (refused path)";
        }
        return method + " " + path.encodedPath() + path.query().map(q -> "?" + redacted(q)).orElse("");
    }

    static String redacted(String rawQuery) {
        List<String> parts = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            boolean secret = SECRET_NAME.matcher(name).matches() || SECRET_VALUE.matcher(value).matches()
                    || SECRET_VALUE.matcher(name).matches();
            parts.add(secret ? (SECRET_VALUE.matcher(name).matches() ? REDACTED : name + "=" + REDACTED) : pair);
        }
        return String.join("&", parts);
    }
}
