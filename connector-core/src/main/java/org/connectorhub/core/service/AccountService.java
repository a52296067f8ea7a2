package org.connectorhub.core.service;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.DuplicateAccountException;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.ImmutableLinkedAccount;
import org.connectorhub.core.domain.InvalidCredentialsException;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.MetadataLimits;
import org.connectorhub.core.domain.Page;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.StatusReason;
import org.connectorhub.core.domain.UnknownProviderException;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.domain.VerificationOutcome.Rejected;
import org.connectorhub.core.domain.VerificationOutcome.Unavailable;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.connectorhub.core.domain.VersionConflictException;
import org.connectorhub.core.port.in.LinkAccountUseCase;
import org.connectorhub.core.port.in.LinkCommand;
import org.connectorhub.core.port.in.LinkResult;
import org.connectorhub.core.port.in.ManageAccountsUseCase;
import org.connectorhub.core.port.in.SuspendAccountUseCase;
import org.connectorhub.core.port.in.UpdateCommand;
import org.connectorhub.core.port.in.VerifyAccountUseCase;
import org.connectorhub.core.port.in.VerifyResult;
import org.connectorhub.core.port.out.AccountStore;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.core.port.out.VerificationObserver;
import org.connectorhub.core.spi.Connector;

/** Linking, re-verification and management of accounts: the rules of the core. */
public final class AccountService
        implements LinkAccountUseCase, VerifyAccountUseCase, ManageAccountsUseCase, SuspendAccountUseCase {
    /** The status reason code of a suspension. */
    public static final String SUSPENDED_REASON = "suspended";
    static final int MAX_LABEL_LENGTH = 200;
    static final int MAX_STATUS_REASONS = 10;
    static final int MAX_REVERIFY_ATTEMPTS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private final ConnectorRegistry connectors;
    private final AccountStore store;
    private final CredentialVault vault;
    private final Clock clock;
    private final VerificationObserver observer;

    public AccountService(ConnectorRegistry connectors, AccountStore store, SecretCipher cipher, Clock clock,
            VerificationObserver observer) {
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.store = requireNonNull(store, "store is null");
        this.vault = new CredentialVault(requireNonNull(cipher, "cipher is null"));
        this.clock = requireNonNull(clock, "clock is null");
        this.observer = requireNonNull(observer, "observer is null");
    }

    @Override
    public LinkResult link(LinkCommand command) {
        Connector connector = connector(command.provider());
        checkLabelAndMetadata(command.label(), Optional.of(command.metadata()));
        Optional<LinkedAccount> relinked = command.accountId().map(id -> {
            LinkedAccount account = get(command.projectId(), id);
            if (!account.originOwnerId().equals(command.originOwnerId()) || !account.provider().equals(command.provider())) {
                throw new AccountNotFoundException("No account " + id + " for this owner and provider.");
            }
            return account;
        });
        Verified verified = verifyOrThrow(connector, command.credentials());
        Instant now = clock.instant();

        LinkedAccount existing = relinked.orElseGet(() -> store.findByProviderAccount(command.projectId(),
                command.originOwnerId(), command.provider(), verified.account().id()).orElse(null));
        if (existing != null) {
            return new LinkResult(relink(existing, command, verified, now), false, verified.warnings());
        }
        String id = newAccountId();
        LinkedAccount account = LinkedAccount.builder()
                .id(id)
                .projectId(command.projectId())
                .provider(command.provider())
                .originOwnerId(command.originOwnerId())
                .originOwnerName(command.originOwnerName())
                .originUsername(command.originUsername())
                .label(command.label())
                .metadata(command.metadata())
                .status(AccountStatus.ACTIVE)
                .mode(verified.mode())
                .scopes(verified.scopes())
                .providerAccount(verified.account())
                .credentialFields(command.credentials().fieldKeys())
                .sealedCredentials(seal(id, command.credentials()))
                .createdAt(now)
                .updatedAt(now)
                .lastVerifiedAt(now)
                .version(1)
                .build();
        try {
            return new LinkResult(store.insert(account), true, verified.warnings());
        } catch (DuplicateAccountException raced) {
            // Another request linked the same provider account first: join it, never duplicate.
            LinkedAccount winner = store.findByProviderAccount(command.projectId(), command.originOwnerId(),
                    command.provider(), verified.account().id()).orElseThrow(() -> raced);
            return new LinkResult(relink(winner, command, verified, now), false, verified.warnings());
        }
    }

    private LinkedAccount relink(LinkedAccount existing, LinkCommand command, Verified verified, Instant now) {
        ImmutableLinkedAccount.Builder changed = ImmutableLinkedAccount.builder().from(existing)
                .originOwnerName(command.originOwnerName().isEmpty() ? existing.originOwnerName() : command.originOwnerName())
                .originUsername(command.originUsername().isPresent() ? command.originUsername() : existing.originUsername())
                .label(command.label().isPresent() ? command.label() : existing.label())
                .metadata(command.metadata().isEmpty() ? existing.metadata() : command.metadata());
        return store.update(withVerifiedCredentials(changed, existing, command.credentials(), verified, now).build(),
                existing.version());
    }

    // new credentials make an account active, except a suspended one: only a resume ends a suspension
    private ImmutableLinkedAccount.Builder withVerifiedCredentials(
            ImmutableLinkedAccount.Builder builder, LinkedAccount current, Credentials credentials, Verified verified,
            Instant now) {
        String accountId = current.id();
        boolean suspended = current.status() == AccountStatus.SUSPENDED;
        return builder
                .status(suspended ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE)
                .statusReasons(suspended ? suspension(current) : List.of())
                .mode(verified.mode())
                .scopes(verified.scopes())
                .providerAccount(verified.account())
                .credentialFields(credentials.fieldKeys())
                .sealedCredentials(seal(accountId, credentials))
                .updatedAt(now)
                .lastVerifiedAt(now);
    }

    @Override
    public VerificationOutcome verifyCredentials(String provider, Credentials credentials) {
        Connector connector = connector(provider);
        List<FieldError> problems = connector.descriptor().credentialSchema().validate(credentials);
        if (!problems.isEmpty()) {
            return new Rejected(problems);
        }
        return verify(connector, credentials);
    }

    @Override
    public VerifyResult reverify(String projectId, String accountId) {
        byte[] verifiedSealed = null;
        VerificationOutcome outcome = null;
        for (int attempt = 1; ; attempt++) {
            LinkedAccount account = get(projectId, accountId);
            // Ask the provider again only when the credentials changed since the last answer.
            if (outcome == null || !Arrays.equals(verifiedSealed, account.sealedCredentials())) {
                outcome = verify(connector(account.provider()), open(account));
                verifiedSealed = account.sealedCredentials();
            }
            try {
                return new VerifyResult(store.update(withOutcome(account, outcome), account.version()), outcome);
            } catch (VersionConflictException changedMeanwhile) {
                // Another writer (a re-link, a re-seal, another check) came first: apply the answer
                // to the fresh row rather than failing a read-only request.
                if (attempt == MAX_REVERIFY_ATTEMPTS) {
                    throw changedMeanwhile;
                }
            }
        }
    }

    private LinkedAccount withOutcome(LinkedAccount account, VerificationOutcome outcome) {
        Instant now = clock.instant();
        ImmutableLinkedAccount.Builder changed = ImmutableLinkedAccount.builder().from(account).updatedAt(now);
        // a check never ends a suspension: the account keeps it, and its reason first
        boolean suspended = account.status() == AccountStatus.SUSPENDED;
        if (outcome instanceof Verified verified) {
            changed.status(suspended ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE)
                    .statusReasons(suspended ? suspension(account) : List.of()).scopes(verified.scopes())
                    .providerAccount(verified.account()).mode(verified.mode()).lastVerifiedAt(now);
        } else if (outcome instanceof Rejected rejected) {
            List<StatusReason> reasons = new ArrayList<>(suspended ? suspension(account) : List.of());
            for (FieldError error : rejected.errors()) {
                reasons.add(new StatusReason(error.code(), error.field() + ": " + error.message(), now));
            }
            changed.status(suspended ? AccountStatus.SUSPENDED : AccountStatus.INVALID).statusReasons(reasons)
                    .lastVerifiedAt(now);
        } else if (outcome instanceof Unavailable unavailable) {
            // An outage says nothing about the credentials: keep the status, record the attempt.
            List<StatusReason> reasons = new ArrayList<>(account.statusReasons());
            reasons.add(new StatusReason("provider_unavailable", unavailable.reason(), now));
            changed.statusReasons(reasons.subList(Math.max(0, reasons.size() - MAX_STATUS_REASONS), reasons.size()));
        }
        return changed.build();
    }

    private static List<StatusReason> suspension(LinkedAccount account) {
        return account.statusReasons().stream().filter(r -> r.code().equals(SUSPENDED_REASON)).limit(1).toList();
    }

    @Override
    public LinkedAccount suspend(String projectId, String accountId, Caller by, Optional<String> reason) {
        requireNonNull(by, "by is null");
        Optional<String> why = requireNonNull(reason, "reason is null").map(String::strip).filter(r -> !r.isEmpty());
        if (why.isPresent() && why.get().length() > MAX_REASON_LENGTH) {
            throw new InvalidInputException("The reason is longer than " + MAX_REASON_LENGTH + " characters.",
                    List.of(FieldError.of("reason", "too_long",
                            "The reason is longer than " + MAX_REASON_LENGTH + " characters.")));
        }
        for (int attempt = 1; ; attempt++) {
            LinkedAccount account = get(projectId, accountId);
            if (account.status() == AccountStatus.SUSPENDED) {
                return account;
            }
            Instant now = clock.instant();
            StatusReason suspension = new StatusReason(SUSPENDED_REASON, why.orElse("No reason given."), now,
                    Optional.of(by.toString()));
            try {
                return store.update(ImmutableLinkedAccount.builder().from(account).status(AccountStatus.SUSPENDED)
                        .statusReasons(List.of(suspension)).updatedAt(now).build(), account.version());
            } catch (VersionConflictException changedMeanwhile) {
                // a suspension must not fail because a check or a re-link came first: apply it to the fresh row
                if (attempt == MAX_REVERIFY_ATTEMPTS) {
                    throw changedMeanwhile;
                }
            }
        }
    }

    @Override
    public LinkedAccount resume(String projectId, String accountId, Caller by) {
        requireNonNull(by, "by is null");
        for (int attempt = 1; ; attempt++) {
            LinkedAccount account = get(projectId, accountId);
            if (account.status() != AccountStatus.SUSPENDED) {
                return account;
            }
            Connector connector = connector(account.provider());
            VerificationOutcome outcome = verify(connector, open(account));
            if (outcome instanceof Unavailable unavailable) {
                throw new ProviderUnavailableException(connector.descriptor().displayName()
                        + " could not be reached to re-verify the account: " + unavailable.reason()
                        + " It stays suspended.", unavailable.retryAfter());
            }
            // the token may have been revoked while suspended: the check decides active or invalid
            LinkedAccount unsuspended = ImmutableLinkedAccount.builder().from(account).status(AccountStatus.ACTIVE)
                    .statusReasons(List.of()).build();
            try {
                return store.update(withOutcome(unsuspended, outcome), account.version());
            } catch (VersionConflictException changedMeanwhile) {
                if (attempt == MAX_REVERIFY_ATTEMPTS) {
                    throw changedMeanwhile;
                }
            }
        }
    }

    @Override
    public LinkedAccount get(String projectId, String accountId) {
        return store.find(projectId, accountId)
                .orElseThrow(() -> new AccountNotFoundException("No account " + accountId + " in this project."));
    }

    @Override
    public Page<LinkedAccount> list(AccountQuery query) {
        return store.list(query);
    }

    @Override
    public LinkedAccount update(UpdateCommand command) {
        LinkedAccount account = get(command.projectId(), command.accountId());
        if (command.expectedVersion().isPresent() && command.expectedVersion().get() != account.version()) {
            throw new VersionConflictException("Account " + account.id() + " is at version " + account.version()
                    + ", not " + command.expectedVersion().get() + ".");
        }
        checkLabelAndMetadata(command.label(), command.metadata());
        ImmutableLinkedAccount.Builder changed = ImmutableLinkedAccount.builder().from(account)
                .updatedAt(clock.instant());
        command.label().ifPresent(label -> changed.label(label.isBlank() ? Optional.empty() : Optional.of(label)));
        command.metadata().ifPresent(changed::metadata);
        if (command.credentials().isPresent()) {
            Credentials credentials = command.credentials().get();
            Verified verified = verifyOrThrow(connector(account.provider()), credentials);
            withVerifiedCredentials(changed, account, credentials, verified, clock.instant());
        }
        return store.update(changed.build(), account.version());
    }

    @Override
    public void delete(String projectId, String accountId) {
        if (!store.delete(projectId, accountId)) {
            throw new AccountNotFoundException("No account " + accountId + " in this project.");
        }
    }

    private byte[] seal(String accountId, Credentials credentials) {
        return vault.seal(accountId, credentials);
    }

    private Credentials open(LinkedAccount account) {
        return vault.open(account);
    }

    private Verified verifyOrThrow(Connector connector, Credentials credentials) {
        List<FieldError> problems = connector.descriptor().credentialSchema().validate(credentials);
        if (!problems.isEmpty()) {
            throw new InvalidCredentialsException(problems);
        }
        VerificationOutcome outcome = verify(connector, credentials);
        if (outcome instanceof Rejected rejected) {
            throw new InvalidCredentialsException(rejected.errors());
        }
        if (outcome instanceof Unavailable unavailable) {
            throw new ProviderUnavailableException(connector.descriptor().displayName() + " could not be reached: "
                    + unavailable.reason(), unavailable.retryAfter());
        }
        return (Verified) outcome;
    }

    private VerificationOutcome verify(Connector connector, Credentials credentials) {
        long start = System.nanoTime();
        VerificationOutcome outcome = connector.verifier().verify(credentials);
        observer.verified(connector.descriptor().provider(), outcome, Duration.ofNanos(System.nanoTime() - start));
        return requireNonNull(outcome, "verifier returned null");
    }

    private Connector connector(String provider) {
        return connectors.find(provider)
                .orElseThrow(() -> new UnknownProviderException("No connector for provider '" + provider + "'."));
    }

    private static void checkLabelAndMetadata(Optional<String> label, Optional<Map<String, String>> metadata) {
        List<FieldError> errors = new ArrayList<>();
        label.filter(l -> l.length() > MAX_LABEL_LENGTH).ifPresent(l -> errors.add(FieldError.of("label", "too_long",
                "The label is longer than " + MAX_LABEL_LENGTH + " characters.")));
        metadata.map(MetadataLimits::check).ifPresent(errors::addAll);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.get(0).message(), errors);
        }
    }

    static String newAccountId() {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return "acc_" + new String(id);
    }
}
