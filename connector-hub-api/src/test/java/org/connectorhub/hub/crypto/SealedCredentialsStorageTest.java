package org.connectorhub.hub.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.ImmutableLinkedAccount;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.accounts.JdbcAccountStore;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.connectorhub.hub.storage.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealed credentials in the embedded store: ciphertext only, with the key version recorded. */
class SealedCredentialsStorageTest {
    private static final String TOKEN = "pm-server-token-7c1e55d2-leakcheck";

    @TempDir
    Path dataDir;

    @Test
    void theDatabaseFileHoldsTheAccountButNeverThePlaintextToken() throws Exception {
        String accountId = "acc_filecheck_0001";
        try (Database database = TestDatabases.h2(dataDir)) {
            TinkSecretCipher cipher = cipher(database);
            JdbcAccountStore store = new JdbcAccountStore(database.dataSource(), cipher);
            String project = new JdbcProjectStore(database.dataSource()).create("Acme", "hash").id();
            store.insert(account(project, accountId, cipher.seal(TOKEN.getBytes(UTF_8), accountId.getBytes(UTF_8))));

            byte[] sealed = store.find(project, accountId).orElseThrow().sealedCredentials();
            assertThat(new String(cipher.open(sealed, accountId.getBytes(UTF_8)), UTF_8)).isEqualTo(TOKEN);
        }

        byte[] file = Files.readAllBytes(dataDir.resolve("hub.mv.db"));
        String bytes = new String(file, StandardCharsets.ISO_8859_1);
        // positive control: the search does see what the store wrote
        assertThat(bytes).contains(accountId);
        assertThat(bytes).doesNotContain(TOKEN);
        assertThat(new String(file, StandardCharsets.UTF_16BE)).doesNotContain(TOKEN);
        assertThat(new String(file, StandardCharsets.UTF_16LE)).doesNotContain(TOKEN);
    }

    @Test
    void theStoreRecordsTheKeyVersionOfEachSealedCredential() throws Exception {
        try (Database database = TestDatabases.h2(dataDir)) {
            TinkSecretCipher cipher = cipher(database);
            JdbcAccountStore store = new JdbcAccountStore(database.dataSource(), cipher);
            String project = new JdbcProjectStore(database.dataSource()).create("Acme", "hash").id();
            ImmutableLinkedAccount first = account(project, "acc_a", cipher.seal(TOKEN.getBytes(UTF_8), "acc_a".getBytes(UTF_8)));
            store.insert(first);

            int rotated = cipher.rotate();
            store.insert(account(project, "acc_b", cipher.seal(TOKEN.getBytes(UTF_8), "acc_b".getBytes(UTF_8)))
                    .withProviderAccount(new ProviderAccount("2", "two")));

            assertThat(keyVersion(database, "acc_a")).isEqualTo(1);
            assertThat(keyVersion(database, "acc_b")).isEqualTo(rotated);
            assertThat(store.countSealedWithOtherKeyVersion(rotated)).isEqualTo(1);
            assertThat(store.findSealedWithOtherKeyVersion(rotated, Optional.empty(), 10))
                    .extracting(LinkedAccount::id).containsExactly("acc_a");
            assertThat(store.findSealedWithOtherKeyVersion(rotated, Optional.of("acc_a"), 10)).isEmpty();
            assertThat(store.findSealedWithOtherKeyVersion(1, Optional.empty(), 10))
                    .extracting(LinkedAccount::id).containsExactly("acc_b");

            // re-sealing the old account with the primary key moves it to the new version
            byte[] resealed = cipher.seal(cipher.open(first.sealedCredentials(), "acc_a".getBytes(UTF_8)),
                    "acc_a".getBytes(UTF_8));
            store.update(first.withSealedCredentials(resealed), 1);
            assertThat(keyVersion(database, "acc_a")).isEqualTo(rotated);
            assertThat(store.countSealedWithOtherKeyVersion(rotated)).isZero();
            assertThat(store.findSealedWithOtherKeyVersion(rotated, Optional.empty(), 10)).isEmpty();
        }
    }

    @Test
    void aLostKeysetIsNotSilentlyReplacedWhileSealedAccountsExist() throws Exception {
        try (Database database = TestDatabases.h2(dataDir)) {
            TinkSecretCipher cipher = cipher(database);
            String project = new JdbcProjectStore(database.dataSource()).create("Acme", "hash").id();
            new JdbcAccountStore(database.dataSource()).insert(
                    account(project, "acc_a", cipher.seal(TOKEN.getBytes(UTF_8), "acc_a".getBytes(UTF_8))));
            try (Connection connection = database.dataSource().getConnection();
                    PreparedStatement statement = connection.prepareStatement("DELETE FROM keysets")) {
                statement.executeUpdate();
            }

            TinkSecretCipher restarted = new TinkSecretCipher(new KeysetRepository(database.dataSource()),
                    MasterKey.fromBase64(MasterKey.generateBase64()));

            assertThatThrownBy(restarted::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no keyset");
            assertThat(new KeysetRepository(database.dataSource()).load()).isEmpty();
        }
    }

    private static TinkSecretCipher cipher(Database database) {
        TinkSecretCipher cipher = new TinkSecretCipher(new KeysetRepository(database.dataSource()),
                MasterKey.fromBase64(MasterKey.generateBase64()));
        cipher.start();
        return cipher;
    }

    private static int keyVersion(Database database, String accountId) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT key_version FROM accounts WHERE id = ?")) {
            statement.setString(1, accountId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static ImmutableLinkedAccount account(String project, String id, byte[] sealed) {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        return LinkedAccount.builder()
                .id(id)
                .projectId(project)
                .provider("postmark")
                .originOwnerId("owner")
                .status(AccountStatus.ACTIVE)
                .mode(Mode.PRODUCTION)
                .providerAccount(new ProviderAccount("1", "one"))
                .addCredentialFields("server_token")
                .sealedCredentials(sealed)
                .createdAt(now)
                .updatedAt(now)
                .build();
    }
}
