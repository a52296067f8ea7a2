package org.connectorhub.core.spi;

/**
 * A connector's passthrough to its provider's API. The core has already checked the path (see
 * {@link ProxyPath#parse}), the allowed headers and the body's size; the connector decides which
 * credential a path needs and sends the call.
 */
public interface ProxySupport {
    /**
     * The credential and scope a call needs, before any network call.
     *
     * @throws org.connectorhub.core.domain.InvalidProxyPathException for a path this connector will not proxy
     */
    ProxyAuth authenticate(String method, ProxyPath path);

    /**
     * Sends the call with the one credential in the request, within the connector's timeouts; reads
     * are retried on outage per its settings, a write is sent again only when the provider said when
     * to come back (and the body is in memory). Fields of the answer that can hold tokens are removed.
     *
     * @throws org.connectorhub.core.domain.CredentialsRevokedException the provider rejected the credential
     *         (not for a test-mode account: its answer is passed on unchanged)
     * @throws org.connectorhub.core.domain.ProviderUnavailableException timeouts, 5xx, 429, connection failures
     */
    ProxyResponse send(ProxyRequest request);
}
