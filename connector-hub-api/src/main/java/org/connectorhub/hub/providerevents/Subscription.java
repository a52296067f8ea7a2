package org.connectorhub.hub.providerevents;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One account's subscription to its provider's events, as stored. The receiver's password and,
 * after an unlink, the account's credentials are only here sealed; {@link #toString()} shows neither.
 *
 * @param state    {@code pending} (not set up yet, or the setting changed), {@code active}, {@code off},
 *                 {@code failed} (the provider refused), {@code unsupported} (a test-mode account)
 * @param requests how many times work was asked for; a hub that finishes clears the work only if
 *                 no new ask came meanwhile
 */
public record Subscription(
        String accountId,
        String projectId,
        String provider,
        String username,
        byte[] sealedPassword,
        String state,
        List<String> hookIds,
        List<String> warnings,
        Optional<String> lastError,
        Optional<byte[]> sealedCredentials,
        boolean removing,
        long requests,
        int attempts) {
    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";
    public static final String OFF = "off";
    public static final String FAILED = "failed";
    public static final String UNSUPPORTED = "unsupported";

    public Subscription {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(username, "username is null");
        requireNonNull(sealedPassword, "sealedPassword is null");
        requireNonNull(state, "state is null");
        hookIds = List.copyOf(requireNonNull(hookIds, "hookIds is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        requireNonNull(lastError, "lastError is null");
        requireNonNull(sealedCredentials, "sealedCredentials is null");
    }

    /** The associated data the password is sealed with: the row id, as the key re-sealer expects of every sealed column. */
    static byte[] passwordAssociatedData(String accountId) {
        return accountId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Subscription[" + accountId + " " + provider + " " + state + (removing ? " removing" : "") + " hooks="
                + hookIds + "]";
    }
}
