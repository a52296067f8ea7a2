package org.connectorhub.core.port.in;

import org.connectorhub.core.spi.ProxyResponse;

/** Passes a call through to a linked account's provider, with the credential injected by the hub. */
public interface ProxyUseCase {
    /**
     * Checks the path, the account and its scope before any provider call, then sends the call.
     * The caller writes the answer's body and closes it.
     *
     * @throws org.connectorhub.core.domain.InvalidProxyPathException the path could leave the provider's API
     * @throws org.connectorhub.core.domain.MissingScopeException the call needs a credential the account lacks
     * @throws org.connectorhub.core.domain.PayloadTooLargeException a body over the limit, either way
     * @throws org.connectorhub.core.domain.ProxyUnsupportedException the connector has no passthrough
     */
    ProxyResponse proxy(ProxyCommand command);
}
