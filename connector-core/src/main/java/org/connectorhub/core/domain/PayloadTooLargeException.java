package org.connectorhub.core.domain;

/**
 * A body over the limit: the caller's request ({@code payload_too_large}) or the provider's answer
 * to a proxied call ({@code provider_response_too_large}). Nothing over the limit is passed on.
 */
public final class PayloadTooLargeException extends ConnectorHubException {
    private PayloadTooLargeException(String code, String message) {
        super(code, message);
    }

    public static PayloadTooLargeException request(long limit) {
        return new PayloadTooLargeException("payload_too_large",
                "The request body is larger than " + limit + " bytes; nothing was sent to the provider.");
    }

    public static PayloadTooLargeException response(long limit) {
        return new PayloadTooLargeException("provider_response_too_large",
                "The provider's answer is larger than " + limit + " bytes, the proxy's limit.");
    }
}
