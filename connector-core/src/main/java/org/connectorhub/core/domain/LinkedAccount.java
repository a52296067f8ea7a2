package org.connectorhub.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * An end user's account at a provider, as the hub keeps it. It carries the credentials only
 * sealed (ciphertext bound to the account id), never in plaintext.
 */
@Value.Immutable
public abstract class LinkedAccount {
    public abstract String id();

    public abstract String projectId();

    public abstract String provider();

    public abstract String originOwnerId();

    @Value.Default
    public String originOwnerName() {
        return "";
    }

    public abstract Optional<String> originUsername();

    public abstract Optional<String> label();

    /** Free string-to-string metadata of the host platform. */
    public abstract Map<String, String> metadata();

    public abstract AccountStatus status();

    public abstract List<StatusReason> statusReasons();

    public abstract Mode mode();

    public abstract Set<String> scopes();

    public abstract ProviderAccount providerAccount();

    /** Which credential fields are set; never their values. */
    public abstract Set<String> credentialFields();

    /** The sealed credentials; the key version is recorded inside the ciphertext. */
    @Value.Redacted
    public abstract byte[] sealedCredentials();

    public abstract Instant createdAt();

    public abstract Instant updatedAt();

    public abstract Optional<Instant> lastVerifiedAt();

    /** Optimistic version, 1 on creation and one more on every update. */
    @Value.Default
    public long version() {
        return 1;
    }

    public static ImmutableLinkedAccount.Builder builder() {
        return ImmutableLinkedAccount.builder();
    }
}
