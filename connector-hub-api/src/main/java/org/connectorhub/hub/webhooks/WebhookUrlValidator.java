package org.connectorhub.hub.webhooks;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Checks an endpoint URL: absolute http or https, a host, no user info, and (unless private
 * addresses are allowed) a host that neither is nor resolves to a loopback, private, link-local,
 * unique-local, multicast or unspecified address, so the hub cannot be turned against its own
 * network. The dispatcher checks again before each request, as DNS answers change.
 */
public final class WebhookUrlValidator {
    static final int MAX_URL_LENGTH = 2048;

    /** What is wrong with a URL; the message is safe to show to the caller. */
    public static final class InvalidUrlException extends RuntimeException {
        InvalidUrlException(String message) {
            super(message, null, false, false);
        }
    }

    /** Resolves host names; a seam for tests of names that resolve to private addresses. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public WebhookUrlValidator(boolean allowPrivate) {
        this(allowPrivate, Resolver.SYSTEM);
    }

    public WebhookUrlValidator(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = java.util.Objects.requireNonNull(resolver, "resolver is null");
    }

    /** The parsed URI, or {@link InvalidUrlException}. */
    public URI check(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            throw new InvalidUrlException("The URL is longer than " + MAX_URL_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidUrlException("The URL is not valid.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidUrlException("The URL must start with http:// or https://.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidUrlException("The URL must not contain a user name or password.");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidUrlException("The URL has no host.");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidUrlException("The URL must not contain a fragment.");
        }
        if (!allowPrivate) {
            checkPublic(host);
        }
        return uri;
    }

    private void checkPublic(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (name.equalsIgnoreCase("localhost") || name.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            throw refused();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(IDN.toASCII(name));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new InvalidUrlException("The URL's host name cannot be resolved.");
        }
        if (addresses == null || addresses.length == 0) {
            throw new InvalidUrlException("The URL's host name cannot be resolved.");
        }
        for (InetAddress address : List.of(addresses)) {
            if (isPrivate(address)) {
                throw refused();
            }
        }
    }

    private static InvalidUrlException refused() {
        return new InvalidUrlException("The URL points to a loopback, private or link-local address, "
                + "which endpoints may not use (HUB_WEBHOOKS_ALLOW_PRIVATE=true allows it).");
    }

    /** Loopback, private (RFC 1918), link-local, unique-local (fc00::/7), CGNAT, multicast, unspecified. */
    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms reach the IPv4 address
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && ((bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) || (bytes[10] == 0 && bytes[11] == 0))) {
                try {
                    return isPrivate(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        // 0.0.0.0/8 "this network", 100.64/10 shared (CGNAT), 127/8 loopback, 169.254/16 link-local
        return first == 0 || first == 127 || (first == 100 && second >= 64 && second < 128)
                || (first == 169 && second == 254) || first >= 240;
    }
}
