package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

/**
 * The provider refused the request itself (Postmark's 422): its own error code and message are
 * carried through so the caller can act on them (e.g. 406, inactive recipient).
 */
public final class ProviderRejectedException extends ConnectorHubException {
    private final int providerErrorCode;
    private final String providerMessage;

    public ProviderRejectedException(int providerErrorCode, String providerMessage) {
        super("provider_rejected", "The provider rejected the request (error " + providerErrorCode + "): "
                + requireNonNull(providerMessage, "providerMessage is null"));
        this.providerErrorCode = providerErrorCode;
        this.providerMessage = providerMessage;
    }

    public int providerErrorCode() {
        return providerErrorCode;
    }

    public String providerMessage() {
        return providerMessage;
    }
}
