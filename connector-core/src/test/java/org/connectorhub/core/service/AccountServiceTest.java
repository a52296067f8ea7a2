package org.connectorhub.core.service;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectorhub.core.domain.MetadataLimits;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.InvalidCredentialsException;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.UnknownProviderException;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.domain.VerificationOutcome.Rejected;
import org.connectorhub.core.domain.VerificationOutcome.Unavailable;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.connectorhub.core.domain.VersionConflictException;
import org.connectorhub.core.port.in.LinkCommand;
import org.connectorhub.core.port.in.LinkResult;
import org.connectorhub.core.port.in.UpdateCommand;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    private static final String PROJECT = "prj_1";
    private static final String KEY = "secretkey123";
    private static final Verified VERIFIED = new Verified(Set.of("read"), new ProviderAccount("42", "Server 42"),
            Mode.PRODUCTION, List.of());

    private final ScriptedConnector connector = new ScriptedConnector();
    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final XorTestCipher cipher = new XorTestCipher();
    private final Map<String, VerificationOutcome> observed = new HashMap<>();
    private AccountService service;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
        service = new AccountService(ConnectorRegistry.of(Map.of(ScriptedConnector.PROVIDER, connector)), store, cipher,
                clock, (provider, outcome, took) -> observed.put(provider, outcome));
        connector.next = VERIFIED;
    }

    private LinkResult link(String ownerId, String key) {
        return service.link(LinkCommand.of(PROJECT, ScriptedConnector.PROVIDER, ownerId, Credentials.of("api_key", key)));
    }

    @Test
    void linkStoresAnActiveAccountWithSealedCredentialsOnly() {
        LinkResult result = link("owner-1", "  " + KEY + " ");

        LinkedAccount account = result.account();
        assertThat(result.created()).isTrue();
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.scopes()).containsExactly("read");
        assertThat(account.providerAccount()).isEqualTo(new ProviderAccount("42", "Server 42"));
        assertThat(account.credentialFields()).containsExactly("api_key");
        assertThat(account.id()).startsWith("acc_").hasSize(30);
        assertThat(new String(account.sealedCredentials(), UTF_8)).doesNotContain(KEY);
        assertThat(account.toString()).doesNotContain(KEY);
        assertThat(CredentialsCodec.decode(cipher.open(account.sealedCredentials(), account.id().getBytes(UTF_8))))
                .isEqualTo(Credentials.of("api_key", KEY));
        assertThat(observed).containsEntry(ScriptedConnector.PROVIDER, VERIFIED);
    }

    @Test
    void sealedCredentialsAreBoundToTheirAccountId() {
        LinkedAccount account = link("owner-1", KEY).account();

        assertThatThrownBy(() -> cipher.open(account.sealedCredentials(), "acc_other".getBytes(UTF_8)))
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void linkingTheSameProviderAccountAgainUpdatesInsteadOfDuplicating() {
        LinkedAccount first = link("owner-1", KEY).account();

        LinkResult again = link("owner-1", "otherkey456");

        assertThat(again.created()).isFalse();
        assertThat(again.account().id()).isEqualTo(first.id());
        assertThat(again.account().version()).isEqualTo(2);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void anotherOwnerLinkingTheSameProviderAccountGetsTheirOwnAccount() {
        link("owner-1", KEY);
        LinkResult other = link("owner-2", KEY);

        assertThat(other.created()).isTrue();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void rejectedCredentialsStoreNothingAndNameTheField() {
        connector.next = Rejected.of(new FieldError("api_key", "rejected", "Acme said no.", "Copy it again."));

        assertThatThrownBy(() -> link("owner-1", KEY))
                .isInstanceOfSatisfying(InvalidCredentialsException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_credentials");
                    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("api_key");
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
        assertThat(store.size()).isZero();
    }

    @Test
    void providerOutageIsNotARejectionAndStoresNothing() {
        connector.next = new Unavailable("503 from Acme", Optional.of(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> link("owner-1", KEY))
                .isInstanceOfSatisfying(ProviderUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo("provider_unavailable");
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                });
        assertThat(store.size()).isZero();
    }

    @Test
    void badlyShapedCredentialsAreRefusedWithoutAskingTheProvider() {
        assertThatThrownBy(() -> link("owner-1", "NOT VALID!"))
                .isInstanceOfSatisfying(InvalidCredentialsException.class, e -> {
                    assertThat(e.fieldErrors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("api_key");
                        assertThat(error.code()).isEqualTo("invalid_format");
                        assertThat(error.message()).contains("at least 8").doesNotContain("NOT VALID!");
                    });
                });
        assertThat(connector.verifications).hasValue(0);
        assertThat(store.size()).isZero();
    }

    @Test
    void missingRequiredFieldAndUnknownFieldsAreReportedTogether() {
        LinkCommand command = LinkCommand.of(PROJECT, ScriptedConnector.PROVIDER, "owner-1",
                Credentials.of("api_kee", KEY));

        assertThatThrownBy(() -> service.link(command))
                .isInstanceOfSatisfying(InvalidCredentialsException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field, FieldError::code)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("api_kee", "unknown_field"),
                                org.assertj.core.groups.Tuple.tuple("api_key", "required")));
        assertThat(connector.verifications).hasValue(0);
    }

    @Test
    void unknownProviderIsReported() {
        assertThatThrownBy(() -> service.link(LinkCommand.of(PROJECT, "nope", "o", Credentials.of("api_key", KEY))))
                .isInstanceOf(UnknownProviderException.class);
    }

    @Test
    void oversizedMetadataIsRefusedBeforeVerification() {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i <= MetadataLimits.MAX_ENTRIES; i++) {
            metadata.put("k" + i, "v");
        }
        LinkCommand command = new LinkCommand(PROJECT, ScriptedConnector.PROVIDER, "o", "", Optional.empty(),
                Optional.empty(), metadata, Credentials.of("api_key", KEY), Optional.empty());

        assertThatThrownBy(() -> service.link(command)).isInstanceOf(InvalidInputException.class);
        assertThat(connector.verifications).hasValue(0);
    }

    @Test
    void relinkingAnotherOwnersAccountIdIsNotFound() {
        LinkedAccount account = link("owner-1", KEY).account();
        LinkCommand command = new LinkCommand(PROJECT, ScriptedConnector.PROVIDER, "owner-2", "", Optional.empty(),
                Optional.empty(), Map.of(), Credentials.of("api_key", KEY), Optional.of(account.id()));

        assertThatThrownBy(() -> service.link(command)).isInstanceOf(AccountNotFoundException.class);
    }

    @Test
    void relinkingByAccountIdReplacesCredentialsInPlace() {
        LinkedAccount account = link("owner-1", KEY).account();
        connector.next = new Verified(Set.of("read", "admin"), new ProviderAccount("43", "Server 43"), Mode.PRODUCTION, List.of());
        LinkCommand command = new LinkCommand(PROJECT, ScriptedConnector.PROVIDER, "owner-1", "", Optional.empty(),
                Optional.empty(), Map.of(), Credentials.of("api_key", "newkey789", "admin_key", "adm"), Optional.of(account.id()));

        LinkResult result = service.link(command);

        assertThat(result.created()).isFalse();
        assertThat(result.account().id()).isEqualTo(account.id());
        assertThat(result.account().scopes()).containsExactlyInAnyOrder("read", "admin");
        assertThat(result.account().credentialFields()).containsExactly("admin_key", "api_key");
    }

    @Test
    void reverifyRejectionMarksTheAccountInvalidWithReasons() {
        LinkedAccount account = link("owner-1", KEY).account();
        connector.next = Rejected.of(FieldError.of("api_key", "revoked", "The key was revoked."));

        var result = service.reverify(PROJECT, account.id());

        assertThat(result.account().status()).isEqualTo(AccountStatus.INVALID);
        assertThat(result.account().statusReasons()).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo("revoked"));
    }

    @Test
    void reverifyOutageKeepsTheStatusAndRecordsTheAttempt() {
        LinkedAccount account = link("owner-1", KEY).account();
        connector.next = Unavailable.of("timeout");

        var result = service.reverify(PROJECT, account.id());

        assertThat(result.account().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(result.account().statusReasons()).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo("provider_unavailable"));
        assertThat(result.account().lastVerifiedAt()).isEqualTo(account.lastVerifiedAt());
    }

    @Test
    void reverifySuccessRestoresAnInvalidAccount() {
        LinkedAccount account = link("owner-1", KEY).account();
        connector.next = Rejected.of(FieldError.of("api_key", "revoked", "The key was revoked."));
        service.reverify(PROJECT, account.id());
        connector.next = VERIFIED;

        var result = service.reverify(PROJECT, account.id());

        assertThat(result.account().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(result.account().statusReasons()).isEmpty();
    }

    @Test
    void reverifyRacingAnotherWriterAppliesTheAnswerToTheFreshRow() {
        LinkedAccount account = link("owner-1", KEY).account();
        connector.next = Rejected.of(FieldError.of("api_key", "revoked", "The key was revoked."));
        // The provider answers while someone renames the account: the first update conflicts.
        connector.onVerify = () -> service.update(new UpdateCommand(PROJECT, account.id(), Optional.empty(),
                Optional.of("renamed"), Optional.empty(), Optional.empty()));

        var result = service.reverify(PROJECT, account.id());

        assertThat(result.account().status()).isEqualTo(AccountStatus.INVALID);
        assertThat(result.account().label()).contains("renamed");
        assertThat(connector.verifications).hasValue(2); // link + one re-check; not asked again
    }

    @Test
    void updateWithRejectedCredentialsChangesNothing() {
        LinkedAccount account = link("owner-1", KEY).account();
        connector.next = Rejected.of(FieldError.of("api_key", "rejected", "No."));

        assertThatThrownBy(() -> service.update(new UpdateCommand(PROJECT, account.id(),
                Optional.of(Credentials.of("api_key", "otherkey456")), Optional.of("new label"), Optional.empty(),
                Optional.empty()))).isInstanceOf(InvalidCredentialsException.class);

        LinkedAccount stored = service.get(PROJECT, account.id());
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.label()).isEmpty();
        assertThat(stored.sealedCredentials()).isEqualTo(account.sealedCredentials());
    }

    @Test
    void updateWithAStaleVersionConflicts() {
        LinkedAccount account = link("owner-1", KEY).account();
        service.update(new UpdateCommand(PROJECT, account.id(), Optional.empty(), Optional.of("a"), Optional.empty(),
                Optional.of(1L)));

        assertThatThrownBy(() -> service.update(new UpdateCommand(PROJECT, account.id(), Optional.empty(),
                Optional.of("b"), Optional.empty(), Optional.of(1L)))).isInstanceOf(VersionConflictException.class);
        assertThat(service.get(PROJECT, account.id()).label()).contains("a");
    }

    @Test
    void accountsOfAnotherProjectAreNotFound() {
        LinkedAccount account = link("owner-1", KEY).account();

        assertThatThrownBy(() -> service.get("prj_other", account.id())).isInstanceOf(AccountNotFoundException.class);
        assertThatThrownBy(() -> service.delete("prj_other", account.id())).isInstanceOf(AccountNotFoundException.class);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void deleteRemovesTheAccount() {
        LinkedAccount account = link("owner-1", KEY).account();

        service.delete(PROJECT, account.id());

        assertThat(store.size()).isZero();
        assertThatThrownBy(() -> service.delete(PROJECT, account.id())).isInstanceOf(AccountNotFoundException.class);
    }

    @Test
    void listFiltersByOwnerAndPagesWithACursor() {
        for (int i = 0; i < 5; i++) {
            connector.next = new Verified(Set.of("read"), new ProviderAccount("s" + i, "S"), Mode.PRODUCTION, List.of());
            link("owner-1", KEY);
        }
        link("owner-2", KEY);
        AccountQuery query = new AccountQuery(PROJECT, Optional.of("owner-1"), Optional.empty(), Optional.empty(), 2,
                Optional.empty());

        var first = service.list(query);
        var second = service.list(query.withCursor(first.nextCursor().orElseThrow()));
        var third = service.list(query.withCursor(second.nextCursor().orElseThrow()));

        assertThat(first.items()).hasSize(2);
        assertThat(second.items()).hasSize(2);
        assertThat(third.items()).hasSize(1);
        assertThat(third.nextCursor()).isEmpty();
        assertThat(List.of(first, second, third)).flatExtracting(p -> p.items()).extracting(LinkedAccount::id)
                .doesNotHaveDuplicates().hasSize(5);
    }

    @Test
    void verifyCredentialsReportsSchemaProblemsAsRejected() {
        VerificationOutcome outcome = service.verifyCredentials(ScriptedConnector.PROVIDER, Credentials.empty());

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.errors()).extracting(FieldError::code).containsExactly("required"));
        assertThat(connector.verifications).hasValue(0);
    }

    private static final Caller OPERATOR = new Caller(Caller.Kind.API_KEY, "key_abc");

    @Test
    void suspendRecordsWhoWhenAndWhyAndIsIdempotent() {
        LinkedAccount account = link("owner-s", KEY).account();

        LinkedAccount suspended = service.suspend(PROJECT, account.id(), OPERATOR, Optional.of("  Leaked token "));
        LinkedAccount again = service.suspend(PROJECT, account.id(), OPERATOR, Optional.of("Other"));

        assertThat(suspended.status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(suspended.statusReasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo("suspended");
            assertThat(reason.description()).isEqualTo("Leaked token");
            assertThat(reason.by()).contains("api_key:key_abc");
            assertThat(reason.at()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        });
        assertThat(again).isEqualTo(suspended);
        assertThatThrownBy(() -> service.suspend(PROJECT, account.id(), OPERATOR, Optional.of("x".repeat(501))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aSuspensionSurvivesReLinkingUpdatesAndChecks() {
        LinkedAccount account = link("owner-k", KEY).account();
        service.suspend(PROJECT, account.id(), OPERATOR, Optional.empty());

        assertThat(link("owner-k", KEY).account().status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(service.reverify(PROJECT, account.id()).account().status()).isEqualTo(AccountStatus.SUSPENDED);
        connector.next = Rejected.of(FieldError.of("api_key", "revoked", "Revoked."));
        LinkedAccount checked = service.reverify(PROJECT, account.id()).account();
        assertThat(checked.status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(checked.statusReasons().get(0).code()).isEqualTo("suspended");
    }

    @Test
    void resumeVerifiesFirst() {
        LinkedAccount account = link("owner-r", KEY).account();
        service.suspend(PROJECT, account.id(), OPERATOR, Optional.empty());

        connector.next = Unavailable.of("timeout");
        assertThatThrownBy(() -> service.resume(PROJECT, account.id(), OPERATOR))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(service.get(PROJECT, account.id()).status()).isEqualTo(AccountStatus.SUSPENDED);

        connector.next = Rejected.of(FieldError.of("api_key", "revoked", "Revoked."));
        assertThat(service.resume(PROJECT, account.id(), OPERATOR).status()).isEqualTo(AccountStatus.INVALID);

        connector.next = VERIFIED;
        LinkedAccount other = link("owner-r2", KEY).account();
        service.suspend(PROJECT, other.id(), OPERATOR, Optional.empty());
        LinkedAccount resumed = service.resume(PROJECT, other.id(), OPERATOR);
        assertThat(resumed.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(resumed.statusReasons()).isEmpty();
        assertThat(service.resume(PROJECT, other.id(), OPERATOR)).isEqualTo(resumed);
    }
}
