package org.connectorhub.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.DuplicateAccountException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.Page;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.VersionConflictException;
import org.junit.jupiter.api.Test;

/** The in-memory store and the test cipher keep the rules of the ports they stand in for. */
class TestDoublesTest {
    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final InsecureTestCipher cipher = new InsecureTestCipher();

    @Test
    void theCipherOpensWhatItSealedOnlyWithTheSameAssociatedData() {
        byte[] sealed = cipher.seal("secret-token-value".getBytes(UTF_8), "acc-1".getBytes(UTF_8));

        assertThat(new String(sealed, UTF_8)).doesNotContain("secret-token-value");
        assertThat(new String(cipher.open(sealed, "acc-1".getBytes(UTF_8)), UTF_8)).isEqualTo("secret-token-value");
        assertThat(cipher.keyVersionOf(sealed)).isEqualTo(1);
        assertThatThrownBy(() -> cipher.open(sealed, "acc-2".getBytes(UTF_8))).isInstanceOf(SecurityException.class);
    }

    @Test
    void theStoreScopesByProjectAndRefusesDuplicates() {
        store.insert(account("a1", "p1", "owner", "42"));

        assertThat(store.find("p1", "a1")).isPresent();
        assertThat(store.find("p2", "a1")).isEmpty();
        assertThatThrownBy(() -> store.insert(account("a2", "p1", "owner", "42")))
                .isInstanceOf(DuplicateAccountException.class);
    }

    @Test
    void theStoreUpdatesOnlyTheExpectedVersion() {
        LinkedAccount stored = store.insert(account("a1", "p1", "owner", "42"));

        LinkedAccount updated = store.update(stored, 1);

        assertThat(updated.version()).isEqualTo(2);
        assertThatThrownBy(() -> store.update(stored, 1)).isInstanceOf(VersionConflictException.class);
    }

    @Test
    void theStorePagesByIdWithACursor() {
        for (String id : List.of("c", "a", "b")) {
            store.insert(account(id, "p1", "owner-" + id, id));
        }
        AccountQuery query = new AccountQuery("p1", java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), 2, java.util.Optional.empty());

        Page<LinkedAccount> first = store.list(query);
        Page<LinkedAccount> second = store.list(query.withCursor(first.nextCursor().orElseThrow()));

        assertThat(first.items()).extracting(LinkedAccount::id).containsExactly("a", "b");
        assertThat(second.items()).extracting(LinkedAccount::id).containsExactly("c");
        assertThat(second.nextCursor()).isEmpty();
        assertThat(store.delete("p1", "a")).isTrue();
        assertThat(store.delete("p1", "a")).isFalse();
    }

    private static LinkedAccount account(String id, String project, String owner, String providerAccountId) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return LinkedAccount.builder().id(id).projectId(project).provider("calendly").originOwnerId(owner)
                .status(AccountStatus.ACTIVE).mode(Mode.PRODUCTION).scopes(Set.of("scheduling"))
                .providerAccount(new ProviderAccount(providerAccountId, "Account " + providerAccountId))
                .credentialFields(Set.of("personal_access_token")).metadata(Map.of())
                .sealedCredentials(new byte[] {1}).createdAt(now).updatedAt(now).build();
    }
}
