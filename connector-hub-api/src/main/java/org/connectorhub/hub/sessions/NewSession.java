package org.connectorhub.hub.sessions;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What a platform asks for when it creates a connect session. */
public record NewSession(
        String originOwnerId,
        String originOwnerName,
        Optional<String> originUsername,
        Optional<String> provider,
        Optional<String> accountId,
        Duration expiresIn,
        Map<String, String> metadata,
        boolean authLink) {

    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(1800);
    public static final Duration MAX_EXPIRY = Duration.ofSeconds(86400);
    /** An auth link (a session sent to a customer by email or chat) may live up to 30 days; no other session. */
    public static final Duration MAX_AUTH_LINK_EXPIRY = Duration.ofSeconds(2_592_000);

    /** A connect session of the usual kind (up to {@link #MAX_EXPIRY}). */
    public NewSession(String originOwnerId, String originOwnerName, Optional<String> originUsername,
            Optional<String> provider, Optional<String> accountId, Duration expiresIn, Map<String, String> metadata) {
        this(originOwnerId, originOwnerName, originUsername, provider, accountId, expiresIn, metadata, false);
    }

    public static Duration maxExpiry(boolean authLink) {
        return authLink ? MAX_AUTH_LINK_EXPIRY : MAX_EXPIRY;
    }

    public NewSession {
        requireNonNull(originOwnerId, "originOwnerId is null");
        requireNonNull(originOwnerName, "originOwnerName is null");
        requireNonNull(originUsername, "originUsername is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(expiresIn, "expiresIn is null");
        metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
        if (expiresIn.isNegative() || expiresIn.isZero() || expiresIn.compareTo(maxExpiry(authLink)) > 0) {
            throw new IllegalArgumentException("expiry must be between 1 second and " + maxExpiry(authLink).toSeconds()
                    + " seconds");
        }
    }
}
