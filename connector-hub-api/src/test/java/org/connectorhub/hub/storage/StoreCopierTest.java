package org.connectorhub.hub.storage;

import org.connectorhub.hub.crypto.KeysetRepository;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.hub.crypto.TinkSecretCipher;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.StatusReason;
import org.connectorhub.hub.accounts.JdbcAccountStore;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.connectorhub.hub.projects.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying the embedded store to PostgreSQL (and back) without decrypting anything. */
class StoreCopierTest {
    private static final String TOKEN = "pm-token-copied-9b2f";

    private final MasterKey masterKey = MasterKey.fromBase64(MasterKey.generateBase64());

    @TempDir
    Path dataDir;

    @Test
    void copiesProjectsKeysKeysetAndSealedAccountsToPostgresOnceAndOpensThemThere() {
        try (Database h2 = TestDatabases.h2(dataDir); Database postgres = TestDatabases.postgres()) {
            Seeded seeded = seed(h2, 3);

            StoreCopier.Report first = new StoreCopier(h2.dataSource(), postgres.dataSource()).copy();
            StoreCopier.Report again = new StoreCopier(h2.dataSource(), postgres.dataSource()).copy();

            assertThat(first.copied("projects")).isEqualTo(1);
            assertThat(first.copied("api_keys")).isEqualTo(2);
            assertThat(first.copied("keysets")).isEqualTo(1);
            assertThat(first.copied("accounts")).isEqualTo(3);
            assertThat(again.copied("accounts")).isZero();
            assertThat(again.skipped("accounts")).isEqualTo(3);
            assertThat(again.skipped("projects")).isEqualTo(1);
            assertThat(first.toString()).contains("accounts: 3 copied");

            JdbcProjectStore targetProjects = new JdbcProjectStore(postgres.dataSource());
            assertThat(targetProjects.findByApiKeyHash("hash-2")).contains(seeded.project());
            JdbcAccountStore targetAccounts = new JdbcAccountStore(postgres.dataSource());
            List<LinkedAccount> copied = targetAccounts.list(AccountQuery.allOf(seeded.project().id())).items();
            assertThat(copied).containsExactlyElementsOf(seeded.accounts());
            TinkSecretCipher targetCipher = new TinkSecretCipher(new KeysetRepository(postgres.dataSource()), masterKey);
            targetCipher.start();
            for (LinkedAccount account : copied) {
                assertThat(new String(targetCipher.open(account.sealedCredentials(), account.id().getBytes(UTF_8)), UTF_8))
                        .isEqualTo(TOKEN);
            }
            assertThat(targetCipher.versions()).hasSize(2);
        }
    }

    @Test
    void copiesBackFromPostgresToTheEmbeddedStore() {
        try (Database postgres = TestDatabases.postgres(); Database h2 = TestDatabases.h2(dataDir)) {
            Seeded seeded = seed(postgres, 2);

            StoreCopier.Report report = new StoreCopier(postgres.dataSource(), h2.dataSource()).copy();

            assertThat(report.copied("accounts")).isEqualTo(2);
            assertThat(new JdbcAccountStore(h2.dataSource()).list(AccountQuery.allOf(seeded.project().id())).items())
                    .containsExactlyElementsOf(seeded.accounts());
        }
    }

    @Test
    void aTargetWhereAHubOnlyStartedGetsTheSourceKeyset() {
        try (Database h2 = TestDatabases.h2(dataDir); Database postgres = TestDatabases.postgres()) {
            Seeded seeded = seed(h2, 1);
            new TinkSecretCipher(new KeysetRepository(postgres.dataSource()), masterKey).start();

            new StoreCopier(h2.dataSource(), postgres.dataSource()).copy();

            TinkSecretCipher targetCipher = new TinkSecretCipher(new KeysetRepository(postgres.dataSource()), masterKey);
            targetCipher.start();
            LinkedAccount account = seeded.accounts().get(0);
            assertThat(targetCipher.open(account.sealedCredentials(), account.id().getBytes(UTF_8)))
                    .isEqualTo(TOKEN.getBytes(UTF_8));
        }
    }

    @Test
    void aTargetWithItsOwnKeysetAndAccountsIsRefused() {
        try (Database h2 = TestDatabases.h2(dataDir); Database postgres = TestDatabases.postgres()) {
            seed(h2, 1);
            seed(postgres, 1);

            assertThatThrownBy(() -> new StoreCopier(h2.dataSource(), postgres.dataSource()).copy())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("keyset");
        }
    }

    private Seeded seed(Database database, int accounts) {
        TinkSecretCipher cipher = new TinkSecretCipher(new KeysetRepository(database.dataSource()), masterKey);
        cipher.start();
        cipher.rotate();
        JdbcProjectStore projects = new JdbcProjectStore(database.dataSource());
        Project project = projects.createIfAbsent("default", "Default", "hash-1");
        projects.addApiKey(project.id(), "hash-2");
        projects.setAllowedOrigins(project.id(), List.of("https://app.example.com"));
        project = projects.find(project.id()).orElseThrow();
        JdbcAccountStore store = new JdbcAccountStore(database.dataSource(), cipher);
        Instant at = Instant.parse("2026-02-03T04:05:06.789012Z");
        for (int i = 0; i < accounts; i++) {
            String id = "acc_copy_" + i;
            store.insert(LinkedAccount.builder()
                    .id(id)
                    .projectId(project.id())
                    .provider("postmark")
                    .originOwnerId("owner-" + i)
                    .originOwnerName("Owner " + i)
                    .label("label " + i)
                    .putAllMetadata(Map.of("k", "v" + i))
                    .status(AccountStatus.ACTIVE)
                    .addStatusReasons(new StatusReason("verified", "ok", at))
                    .mode(Mode.TEST)
                    .addScopes("server")
                    .providerAccount(new ProviderAccount(String.valueOf(i), "Server " + i))
                    .addCredentialFields("server_token")
                    .sealedCredentials(cipher.seal(TOKEN.getBytes(UTF_8), id.getBytes(UTF_8)))
                    .createdAt(at)
                    .updatedAt(at)
                    .lastVerifiedAt(at)
                    .build());
        }
        return new Seeded(project, new JdbcAccountStore(database.dataSource()).list(AccountQuery.allOf(project.id())).items());
    }

    private record Seeded(Project project, List<LinkedAccount> accounts) {
    }
}
