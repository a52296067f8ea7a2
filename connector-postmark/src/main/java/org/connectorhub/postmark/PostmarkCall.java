package org.connectorhub.postmark;

import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.ProviderUnavailableException;

/**
 * Runs one Postmark call and turns every failure into the core's exceptions. Feign's own
 * exceptions never leave: they hold the request, and the request holds the token header.
 */
final class PostmarkCall {
    private PostmarkCall() {
    }

    static <T> T run(String tokenLabel, Supplier<T> call) {
        try {
            T answer = call.get();
            if (answer == null) {
                throw new ProviderUnavailableException("Postmark answered with an empty body.", Optional.empty());
            }
            return answer;
        } catch (RuntimeException e) {
            throw translate(tokenLabel, e);
        }
    }

    static ConnectorHubException translate(String tokenLabel, RuntimeException e) {
        if (e instanceof ConnectorHubException known) {
            return known;
        }
        if (e instanceof PostmarkUnauthorizedException unauthorized) {
            return new CredentialsRevokedException("Postmark no longer accepts the " + tokenLabel
                    + " (error " + unauthorized.errorCode() + "); it was revoked or changed.");
        }
        if (e instanceof PostmarkRetryableException retryable) {
            return new ProviderUnavailableException(PostmarkRetryableException.describe(retryable.status()),
                    retryable.retryAfterDelay());
        }
        if (e instanceof RetryableException io) {
            return new ProviderUnavailableException(describeIo(io), Optional.empty());
        }
        if (e instanceof DecodeException) {
            return new ProviderUnavailableException("Postmark answered with a body we cannot read.", Optional.empty());
        }
        if (e instanceof FeignException feign) {
            return new ProviderUnavailableException("Postmark answered unexpectedly (HTTP " + feign.status() + ").",
                    Optional.empty());
        }
        return new ProviderUnavailableException("Talking to Postmark failed unexpectedly ("
                + e.getClass().getSimpleName() + ").", Optional.empty());
    }

    private static String describeIo(RetryableException io) {
        Throwable cause = io.getCause();
        if (cause instanceof ConnectionRequestTimeoutException) {
            return "No connection to Postmark came free in time (all max_connections are busy).";
        }
        // Apache's connect, response and pool timeouts are all InterruptedIOExceptions
        if (cause instanceof InterruptedIOException) {
            return "Postmark did not answer in time.";
        }
        return "Could not reach Postmark (the connection failed or was dropped).";
    }
}
