package org.connectorhub.hub.accounts;

import org.connectorhub.hub.storage.StoreContract;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.connectorhub.hub.storage.Database;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.connectorhub.hub.accounts.Accounts.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.DuplicateAccountException;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.ImmutableLinkedAccount;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.Page;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.StatusReason;
import org.connectorhub.core.domain.VersionConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcAccountStore} database must do; run against H2 and PostgreSQL. */
abstract class AccountStoreContract extends StoreContract {
    private JdbcAccountStore store;
    private String project;
    private String otherProject;

    @BeforeEach
    void createProjects() {
        store = new JdbcAccountStore(database().dataSource());
        JdbcProjectStore projects = new JdbcProjectStore(database().dataSource());
        project = projects.create("contract", UUID.randomUUID().toString()).id();
        otherProject = projects.create("other", UUID.randomUUID().toString()).id();
    }

    @Test
    void anInsertedAccountReadsBackWithEveryField() {
        Instant at = Instant.parse("2026-03-04T05:06:07.891011Z");
        ImmutableLinkedAccount account = LinkedAccount.builder()
                .id(Accounts.newId())
                .projectId(project)
                .provider("postmark")
                .originOwnerId("user-42")
                .originOwnerName("Ada Lovelace")
                .originUsername("ada")
                .label("Transactional mail \u2709 \"quoted\"")
                .metadata(Map.of("team", "billing", "unicode", "\u00e9t\u00e9", "empty", ""))
                .status(AccountStatus.INVALID)
                .addStatusReasons(new StatusReason("invalid_token", "Postmark rejected the server token", at),
                        new StatusReason("checked", "second reason", at.plusSeconds(1)))
                .mode(Mode.TEST)
                .addScopes("server", "account")
                .providerAccount(new ProviderAccount("12345", "My Server"))
                .addCredentialFields("server_token", "account_token")
                .sealedCredentials(new byte[] {1, 0, -1, 127, -128, 42})
                .createdAt(at)
                .updatedAt(at.plusSeconds(60))
                .lastVerifiedAt(at.plusSeconds(30))
                .build();

        LinkedAccount inserted = store.insert(account);
        LinkedAccount found = store.find(project, account.id()).orElseThrow();

        assertThat(inserted).isEqualTo(account);
        assertThat(found).isEqualTo(account);
        assertThat(found.sealedCredentials()).containsExactly(1, 0, -1, 127, -128, 42);
        assertThat(found.statusReasons()).containsExactlyElementsOf(account.statusReasons());
        assertThat(found.version()).isEqualTo(1);
    }

    @Test
    void anAccountWithOnlyRequiredFieldsReadsBackWithEmptyOptionals() {
        ImmutableLinkedAccount account = account(project, "owner", "1").withCredentialFields(List.of());

        store.insert(account);
        LinkedAccount found = store.find(project, account.id()).orElseThrow();

        assertThat(found).isEqualTo(account);
        assertThat(found.originUsername()).isEmpty();
        assertThat(found.label()).isEmpty();
        assertThat(found.lastVerifiedAt()).isEmpty();
        assertThat(found.metadata()).isEmpty();
        assertThat(found.statusReasons()).isEmpty();
        assertThat(found.scopes()).isEmpty();
        assertThat(found.originOwnerName()).isEmpty();
    }

    @Test
    void timestampsAreKeptToTheMicrosecondAndReturnedAsStored() {
        Instant nanos = Instant.parse("2026-05-06T07:08:09.123456789Z");
        ImmutableLinkedAccount account = account(project, "owner", "1").withCreatedAt(nanos).withUpdatedAt(nanos);

        LinkedAccount inserted = store.insert(account);

        assertThat(inserted.createdAt()).isEqualTo(Instant.parse("2026-05-06T07:08:09.123456Z"));
        assertThat(store.find(project, account.id()).orElseThrow()).isEqualTo(inserted);
    }

    @Test
    void anAccountOfAnotherProjectIsNotFound() {
        ImmutableLinkedAccount account = account(project, "owner", "1");
        store.insert(account);

        assertThat(store.find(otherProject, account.id())).isEmpty();
        assertThat(store.findByProviderAccount(otherProject, "owner", "postmark", "1")).isEmpty();
        assertThat(store.list(AccountQuery.allOf(otherProject)).items()).isEmpty();
        assertThat(store.delete(otherProject, account.id())).isFalse();
        assertThatThrownBy(() -> store.update(account.withProjectId(otherProject).withLabel("stolen"), 1))
                .isInstanceOf(AccountNotFoundException.class);
        assertThat(store.find(project, account.id()).orElseThrow()).isEqualTo(account);
    }

    @Test
    void findsAnAccountByItsProviderAccount() {
        LinkedAccount account = store.insert(account(project, "owner", "777"));
        store.insert(account(project, "someone-else", "777"));

        assertThat(store.findByProviderAccount(project, "owner", "postmark", "777")).contains(account);
        assertThat(store.findByProviderAccount(project, "owner", "postmark", "778")).isEmpty();
        assertThat(store.findByProviderAccount(project, "owner", "other-provider", "777")).isEmpty();
    }

    @Test
    void linkingTheSameProviderAccountTwiceForAnOwnerIsADuplicate() {
        store.insert(account(project, "owner", "555"));

        assertThatThrownBy(() -> store.insert(account(project, "owner", "555")))
                .isInstanceOf(DuplicateAccountException.class)
                .hasMessageContaining("555");
        assertThat(store.list(AccountQuery.allOf(project)).items()).hasSize(1);
    }

    @Test
    void theSameProviderAccountMayBeLinkedByAnotherOwnerOrProjectOrProvider() {
        store.insert(account(project, "owner", "555"));

        store.insert(account(project, "another-owner", "555"));
        store.insert(account(otherProject, "owner", "555"));
        store.insert(account(project, "owner", "555").withProvider("other-provider"));

        assertThat(store.list(AccountQuery.allOf(project)).items()).hasSize(3);
        assertThat(store.list(AccountQuery.allOf(otherProject)).items()).hasSize(1);
    }

    @Test
    void concurrentLinksOfTheSameProviderAccountYieldExactlyOneRow() throws Exception {
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                ImmutableLinkedAccount candidate = account(project, "owner", "race");
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return store.insert(candidate).id();
                    } catch (DuplicateAccountException e) {
                        return "duplicate";
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }

            assertThat(outcomes).filteredOn(outcome -> !outcome.equals("duplicate")).hasSize(1);
            List<LinkedAccount> stored = store.list(AccountQuery.allOf(project)).items();
            assertThat(stored).hasSize(1);
            assertThat(outcomes).contains(stored.get(0).id());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUpdateStoresTheChangesAndBumpsTheVersion() {
        ImmutableLinkedAccount account = (ImmutableLinkedAccount) store.insert(account(project, "owner", "1"));
        Instant later = account.updatedAt().plusSeconds(10);
        ImmutableLinkedAccount changed = account
                .withLabel("renamed")
                .withStatus(AccountStatus.ERROR)
                .withStatusReasons(new StatusReason("boom", "it broke", later))
                .withMetadata(Map.of("k", "v"))
                .withScopes("server")
                .withCredentialFields("server_token", "account_token")
                .withSealedCredentials(new byte[] {9, 9, 9})
                .withLastVerifiedAt(later)
                .withUpdatedAt(later);

        LinkedAccount updated = store.update(changed, 1);

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated).isEqualTo(changed.withVersion(2));
        LinkedAccount found = store.find(project, account.id()).orElseThrow();
        assertThat(found).isEqualTo(changed.withVersion(2));
        assertThat(found.sealedCredentials()).containsExactly(9, 9, 9);
    }

    @Test
    void anUpdateWithAStaleVersionIsAConflictAndChangesNothing() {
        ImmutableLinkedAccount account = (ImmutableLinkedAccount) store.insert(account(project, "owner", "1"));
        store.update(account.withLabel("first"), 1);

        assertThatThrownBy(() -> store.update(account.withLabel("second"), 1))
                .isInstanceOf(VersionConflictException.class)
                .hasMessageContaining("version 2");
        LinkedAccount found = store.find(project, account.id()).orElseThrow();
        assertThat(found.label()).contains("first");
        assertThat(found.version()).isEqualTo(2);
    }

    @Test
    void concurrentUpdatesFromTheSameVersionLetExactlyOneWin() throws Exception {
        ImmutableLinkedAccount account = (ImmutableLinkedAccount) store.insert(account(project, "owner", "1"));
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String label = "writer-" + i;
                Callable<String> write = () -> {
                    start.await();
                    try {
                        store.update(account.withLabel(label), 1);
                        return label;
                    } catch (VersionConflictException e) {
                        return "conflict";
                    }
                };
                results.add(pool.submit(write));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }

            List<String> winners = outcomes.stream().filter(outcome -> !outcome.equals("conflict")).toList();
            assertThat(winners).hasSize(1);
            LinkedAccount found = store.find(project, account.id()).orElseThrow();
            assertThat(found.version()).isEqualTo(2);
            assertThat(found.label()).contains(winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void updatingAMissingAccountIsNotFound() {
        ImmutableLinkedAccount never = account(project, "owner", "1");

        assertThatThrownBy(() -> store.update(never, 1)).isInstanceOf(AccountNotFoundException.class);
    }

    @Test
    void updatingOntoAnotherAccountsProviderAccountIsADuplicate() {
        store.insert(account(project, "owner", "1"));
        ImmutableLinkedAccount second = (ImmutableLinkedAccount) store.insert(account(project, "owner", "2"));

        assertThatThrownBy(() -> store.update(second.withProviderAccount(new ProviderAccount("1", "x")), 1))
                .isInstanceOf(DuplicateAccountException.class);
    }

    @Test
    void listingPagesThroughAllAccountsInIdOrderWithoutGapsOrRepeats() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(store.insert(account(project, "owner-" + (i % 2), "p" + i)).id());
        }
        store.insert(account(otherProject, "owner-0", "elsewhere"));

        List<List<String>> pages = pages(new AccountQuery(project, Optional.empty(), Optional.empty(),
                Optional.empty(), 3, Optional.empty()));

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0)).hasSize(3);
        assertThat(pages.get(1)).hasSize(3);
        assertThat(pages.get(2)).hasSize(1);
        assertThat(pages.stream().flatMap(List::stream).toList()).isSorted()
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        for (int i = 0; i < 4; i++) {
            store.insert(account(project, "owner", "p" + i));
        }

        AccountQuery query = new AccountQuery(project, Optional.empty(), Optional.empty(), Optional.empty(), 2,
                Optional.empty());
        Page<LinkedAccount> first = store.list(query);
        Page<LinkedAccount> second = store.list(query.withCursor(first.nextCursor().orElseThrow()));

        assertThat(first.nextCursor()).contains(first.items().get(1).id());
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextCursor()).isEmpty();
    }

    @Test
    void listingFiltersByOwnerProviderAndStatusAcrossPages() {
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            wanted.add(store.insert(account(project, "alice", "a" + i)).id());
        }
        store.insert(account(project, "bob", "b0"));
        store.insert(account(project, "alice", "x0").withProvider("other-provider"));
        store.insert(account(project, "alice", "x1").withStatus(AccountStatus.INVALID));

        AccountQuery query = new AccountQuery(project, Optional.of("alice"), Optional.of("postmark"),
                Optional.of(AccountStatus.ACTIVE), 2, Optional.empty());
        List<List<String>> pages = pages(query);

        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(wanted.stream().sorted().toList());
        assertThat(store.list(AccountQuery.allOf(project).withOwner("bob")).items()).extracting(LinkedAccount::originOwnerId)
                .containsExactly("bob");
        assertThat(store.list(new AccountQuery(project, Optional.empty(), Optional.empty(),
                Optional.of(AccountStatus.INVALID), 10, Optional.empty())).items())
                .extracting(account -> account.providerAccount().id()).containsExactly("x1");
    }

    @Test
    void anEmptyProjectListsAnEmptyPage() {
        Page<LinkedAccount> page = store.list(AccountQuery.allOf(project));

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void deleteRemovesTheAccountAndItsSealedCredentials() throws Exception {
        LinkedAccount account = store.insert(account(project, "owner", "1"));

        assertThat(store.delete(project, account.id())).isTrue();

        assertThat(store.find(project, account.id())).isEmpty();
        assertThat(store.delete(project, account.id())).isFalse();
        try (var connection = database().dataSource().getConnection();
                var statement = connection.prepareStatement("SELECT COUNT(*) FROM accounts WHERE id = ?")) {
            statement.setString(1, account.id());
            try (var row = statement.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).isZero();
            }
        }
        // the provider account can be linked again
        store.insert(account(project, "owner", "1"));
    }

    @Test
    void anAccountOfAnUnknownProjectIsRefused() {
        assertThatThrownBy(() -> store.insert(account("prj_missing", "owner", "1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealedCredentialsAreStoredAsGiven() {
        byte[] sealed = "opaque".getBytes(UTF_8);
        LinkedAccount account = store.insert(account(project, "owner", "1").withSealedCredentials(sealed));

        assertThat(store.find(project, account.id()).orElseThrow().sealedCredentials()).isEqualTo(sealed);
    }

    @Test
    void anOverlongOwnerIdIsAnInputErrorNamingTheFieldAndNothingIsStored() {
        ImmutableLinkedAccount account = account(project, "o".repeat(256), "1");

        assertThatThrownBy(() -> store.insert(account))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactly("origin_owner_id"));
        assertThat(store.list(AccountQuery.allOf(project)).items()).isEmpty();
    }

    @Test
    void aNulCharacterInATextColumnIsAnInputErrorOnEveryDatabase() {
        ImmutableLinkedAccount account = (ImmutableLinkedAccount) store.insert(account(project, "owner", "1"));

        assertThatThrownBy(() -> store.update(account.withLabel("bad\u0000label"), 1))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactly("label"));
        assertThat(store.find(project, account.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void metadataKeepsAnyCharacterIncludingNul() {
        ImmutableLinkedAccount account = account(project, "owner", "1")
                .withMetadata(Map.of("nul", "a\u0000b", "quote", "\"'\\", "emoji", "\uD83D\uDE80"));

        store.insert(account);

        assertThat(store.find(project, account.id()).orElseThrow().metadata()).isEqualTo(account.metadata());
    }

    private List<List<String>> pages(AccountQuery first) {
        List<List<String>> pages = new ArrayList<>();
        AccountQuery query = first;
        while (true) {
            Page<LinkedAccount> page = store.list(query);
            pages.add(page.items().stream().map(LinkedAccount::id).toList());
            if (page.nextCursor().isEmpty()) {
                return pages;
            }
            query = query.withCursor(page.nextCursor().get());
            assertThat(pages).as("pagination must end").hasSizeLessThan(50);
        }
    }
}
