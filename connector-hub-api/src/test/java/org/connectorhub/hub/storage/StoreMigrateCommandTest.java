package org.connectorhub.hub.storage;

import org.connectorhub.hub.config.CipherConfig;
import org.connectorhub.hub.config.DatabaseSettings;

import org.connectorhub.hub.HubCli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.crypto.CipherLifecycle;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hub store migrate} end to end: data made through a hub on the embedded H2 store moves to
 * PostgreSQL, where a hub with the same master key lists it, opens its credentials and accepts its
 * API keys; running it again copies nothing.
 */
class StoreMigrateCommandTest {
    private static final String DEFAULT_KEY = ApiKeys.newApiKey();
    private static final String SECOND_KEY = ApiKeys.newApiKey();

    @TempDir
    static Path embeddedDir;

    static FakePostmark postmark;
    static FakePostmark.Server live;
    static String secondProject;
    static List<String> embeddedAccounts = new ArrayList<>();

    @BeforeAll
    static void fillTheEmbeddedStore() {
        postmark = FakePostmark.start();
        live = postmark.addServer("Migrated");
        try (TestHub hub = TestHub.start(postmark, embeddedDir, DEFAULT_KEY)) {
            embeddedAccounts.add(link(hub.client(), DEFAULT_KEY, "owner-live", live.serverToken()));
            // two key versions in the keyset: the copy must carry both
            hub.instance(CipherLifecycle.class).rotate();
            embeddedAccounts.add(link(hub.client(), DEFAULT_KEY, "owner-test", FakePostmark.TEST_TOKEN));
            secondProject = hub.instance(ProjectStore.class).create("Second", ApiKeys.hash(SECOND_KEY)).id();
            embeddedAccounts.add(link(hub.client(), SECOND_KEY, "owner-second", FakePostmark.TEST_TOKEN));
            hub.instance(ProjectStore.class).setAllowedOrigins("default", List.of("https://app.example.com"));
        }
    }

    @AfterAll
    static void stop() {
        postmark.close();
    }

    @Test
    void migratesToPostgresqlWhereAHubWithTheSameMasterKeyUsesEverythingAndASecondRunCopiesNothing(
            @TempDir Path postgresHubDir) {
        DatabaseSettings postgres = TestDatabases.newPostgresDatabase();

        Run first = migrate("--from", embeddedDir.toString(), "--to", postgres.jdbcUrl(),
                "--to-user", postgres.user(), "--to-password", postgres.password());

        assertThat(first.exit()).as(first.err()).isEqualTo(HubCli.OK);
        assertThat(first.out()).contains("projects: 2 copied, 0 already there", "api_keys: 2 copied, 0 already there",
                "keysets: 1 copied, 0 already there", "accounts: 3 copied, 0 already there");
        assertThat(first.out() + first.err()).doesNotContain(live.serverToken(), DEFAULT_KEY, SECOND_KEY);

        HubConfig onPostgres = TestHub.config(postmark, postgresHubDir, null).dbUrl(postgres.jdbcUrl())
                .dbUser(postgres.user()).dbPassword(postgres.password())
                .masterKeyFile(embeddedDir.resolve(CipherConfig.MASTER_KEY_FILE_NAME)).build();
        try (TestHub hub = TestHub.start(onPostgres)) {
            HubClient api = hub.client();
            // the console's first-start sign-in link may be printed (no link was ever issued there); a key may not
            assertThat(hub.console()).as("no new bootstrap key: the migrated one opens the project")
                    .doesNotContain("API key", ApiKeys.API_KEY_PREFIX);
            assertThat(ids(api.get("/v1/accounts", DEFAULT_KEY))).containsExactlyInAnyOrderElementsOf(embeddedAccounts.subList(0, 2));
            assertThat(ids(api.get("/v1/accounts", SECOND_KEY))).containsExactly(embeddedAccounts.get(2));
            int sentBefore = postmark.sentEmailCount();
            for (String id : embeddedAccounts.subList(0, 2)) {
                assertThat(api.post("/v1/accounts/" + id + "/actions/send_email", DEFAULT_KEY, email()).status())
                        .as("action on migrated account %s", id).isEqualTo(200);
            }
            assertThat(api.post("/v1/accounts/" + embeddedAccounts.get(2) + "/actions/send_email", SECOND_KEY, email())
                    .status()).isEqualTo(200);
            assertThat(postmark.sentEmailCount()).isEqualTo(sentBefore + 3);
            assertThat(hub.instance(ProjectStore.class).find("default").orElseThrow().allowedOrigins())
                    .containsExactly("https://app.example.com");
            assertThat(link(api, DEFAULT_KEY, "owner-after", postmark.addServer("After").serverToken())).isNotBlank();
        }
        assertThat(postgresHubDir.resolve("hub.mv.db")).doesNotExist();

        Run again = migrate("--from", embeddedDir.toString(), "--to", postgres.jdbcUrl(),
                "--to-user", postgres.user(), "--to-password", postgres.password());

        assertThat(again.exit()).as(again.err()).isEqualTo(HubCli.OK);
        assertThat(again.out()).contains("projects: 0 copied, 2 already there", "api_keys: 0 copied, 2 already there",
                "keysets: 0 copied, 1 already there", "accounts: 0 copied, 3 already there");
    }

    @Test
    void aBareH2FileUrlWorksLikeTheDataDirectory(@TempDir Path target) {
        // the embedded store's own H2 options are added; without them the tables would not be found
        Run run = migrate("--from", "jdbc:h2:file:" + embeddedDir.resolve("hub"), "--to", target.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(HubCli.OK);
        assertThat(run.out()).contains("accounts: 3 copied, 0 already there");
        assertThat(target.resolve("hub.mv.db")).exists();
    }

    @Test
    void aTargetWithItsOwnKeysetAndAccountsIsRefusedAndKeepsItsData(@TempDir Path otherHubDir) {
        DatabaseSettings postgres = TestDatabases.newPostgresDatabase();
        String otherKey = ApiKeys.newApiKey();
        try (TestHub other = TestHub.start(TestHub.config(postmark, otherHubDir, otherKey).dbUrl(postgres.jdbcUrl())
                .dbUser(postgres.user()).dbPassword(postgres.password()).build())) {
            link(other.client(), otherKey, "owner-other", FakePostmark.TEST_TOKEN);
        }

        Run run = migrate("--from", embeddedDir.toString(), "--to", postgres.jdbcUrl(),
                "--to-user", postgres.user(), "--to-password", postgres.password());

        assertThat(run.exit()).isEqualTo(HubCli.FAILED);
        assertThat(run.err()).contains("migration failed", "keyset");
    }

    @Test
    void usageMistakesExitWithTwoAndAMissingSourceWithOne(@TempDir Path empty) {
        assertThat(migrate("--from", embeddedDir.toString()).exit()).isEqualTo(HubCli.USAGE);
        Run unsupported = migrate("--from", embeddedDir.toString(), "--to", "jdbc:mysql://127.0.0.1/hub");
        assertThat(unsupported.exit()).isEqualTo(HubCli.USAGE);
        assertThat(unsupported.err()).contains("jdbc:postgresql:");
        Run noStore = migrate("--from", empty.toString(), "--to", empty.resolve("target").toString());
        assertThat(noStore.exit()).isEqualTo(HubCli.USAGE);
        assertThat(noStore.err()).contains("hub.mv.db");
        assertThat(migrate("--from", embeddedDir.toString(), "--to", embeddedDir.toString()).exit())
                .isEqualTo(HubCli.USAGE);

        Run missing = migrate("--from", "jdbc:h2:file:" + empty.resolve("nothing"), "--to", empty.resolve("t").toString());
        assertThat(missing.exit()).isEqualTo(HubCli.FAILED);
        assertThat(empty.resolve("nothing.mv.db")).as("a mistyped source is not created").doesNotExist();
    }

    record Run(int exit, String out, String err) {
    }

    static Run migrate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("store", "migrate"));
        all.addAll(List.of(args));
        int exit = HubCli.commandLine(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String link(HubClient api, String apiKey, String owner, String serverToken) {
        Response response = api.post("/v1/accounts", apiKey, Map.of("provider", "postmark", "origin_owner_id", owner,
                "credentials", Map.of("server_token", serverToken)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private static Map<String, Object> email() {
        return Map.of("from", "sender@example.com", "to", "receiver@example.com", "subject", "Migrated",
                "text_body", "Hi");
    }

    private static List<String> ids(Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("data").forEach(account -> ids.add(account.path("id").asText()));
        return ids;
    }
}
