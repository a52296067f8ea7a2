package org.connectorhub.hub.cli;

import org.connectorhub.hub.HubCli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.config.HubVariable;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The picocli commands, run in-process against the fake Postmark and a temp data dir. */
class HubCliTest {
    static FakePostmark postmark;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() {
        postmark = FakePostmark.start();
    }

    @AfterAll
    static void stop() {
        postmark.close();
    }

    @BeforeEach
    void healthy() {
        postmark.http().faults().clear();
    }

    record Run(int exit, String out, String err) { }

    Run run(String... args) {
        return runWith(Map.of(), args);
    }

    Run runWith(Map<String, String> moreEnv, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        Map<String, String> env = new HashMap<>(Map.of("HUB_DATA_DIR", dataDir.toString(),
                "HUB_POSTMARK_BASE_URL", postmark.baseUri().toString(), "HUB_POSTMARK_MAX_ATTEMPTS", "1"));
        env.putAll(moreEnv);
        // as HubMain builds it: the named command alone, or every command
        String[] argv = all.toArray(String[]::new);
        int exit = HubCli.forArgs(argv, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(argv);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verifyPrintsAVerifiedOutcomeWithoutTheTokens() {
        FakePostmark.Server server = postmark.addServer("Cli server");
        String accountToken = postmark.addAccountToken();

        Run run = run("verify", "postmark", "--server-token", server.serverToken(), "--account-token", accountToken);

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out()).startsWith("verified:").contains("Cli server").contains("account").contains("server");
        assertThat(run.out() + run.err()).doesNotContain(server.serverToken()).doesNotContain(accountToken);
    }

    @Test
    void verifyExitsOneWhenRejected() {
        String token = "55555555-5555-4555-8555-555555555555";
        Run run = run("verify", "postmark", "--server-token", token);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith("rejected:").contains("server_token");
        assertThat(run.out() + run.err()).doesNotContain(token);
    }

    @Test
    void verifyExitsThreeWhenThePostmarkIsDown() {
        FakePostmark.Server server = postmark.addServer("Cli down");
        postmark.http().faults().add(Fault.unavailable(Duration.ofSeconds(4)));

        Run run = run("verify", "postmark", "--server-token", server.serverToken());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).startsWith("unavailable:");
        assertThat(run.out() + run.err()).doesNotContain(server.serverToken());
    }

    @Test
    void serveFlagsMirrorTheEnvironmentAndWinOverIt() {
        ServeCommand serve = new ServeCommand(Map.of("HUB_PORT", "7000", "HUB_POSTMARK_MAX_ATTEMPTS", "2"), System.out);
        new picocli.CommandLine(serve).parseArgs("--port", "9123", "--data-dir", dataDir.toString(),
                "--postmark-base-url", "http://127.0.0.1:1", "--connector", "postmark.read_timeout_ms=700",
                "--max-body-bytes", "4096", "--public-url", "https://hub.example.com", "--bootstrap-api-key", "chk_x");

        HubConfig config = serve.options.toConfig(Map.of("HUB_PORT", "7000",
                "HUB_POSTMARK_MAX_ATTEMPTS", "2"));

        assertThat(config.http().port()).isEqualTo(9123);
        assertThat(config.cipher().dataDir()).isEqualTo(dataDir);
        assertThat(config.http().maxBodyBytes()).isEqualTo(4096);
        assertThat(config.http().publicUrl(9123)).isEqualTo("https://hub.example.com");
        assertThat(config.projects().bootstrapApiKey()).contains("chk_x");
        assertThat(config.connectorConfig("postmark").properties()).containsEntry("base_url", "http://127.0.0.1:1")
                .containsEntry("read_timeout_ms", "700").containsEntry("max_attempts", "2");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("verify").exit()).isEqualTo(2);
        assertThat(run("verify", "nope", "--server-token", "x").exit()).isEqualTo(2);
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run("verify", "postmark", "--no-such-flag").exit()).isEqualTo(2);
    }

    @Test
    void projectsCreatePrintsAWorkingApiKeyAndKeysRotateAddsAVersion() {
        Run created = run("projects", "create", "Acme");
        assertThat(created.exit()).isEqualTo(0);
        String apiKey = created.out().lines().filter(l -> l.startsWith("api key")).findFirst().orElseThrow()
                .replaceAll(".*: ", "");
        assertThat(apiKey).startsWith(ApiKeys.API_KEY_PREFIX);

        Run rotated = run("keys", "rotate");
        assertThat(rotated.exit()).isEqualTo(0);
        assertThat(rotated.out()).contains("key version 2 is now primary");
        assertThat(run("keys", "rotate").out()).contains("key version 3 is now primary");

        try (TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, null).build())) {
            Response response = hub.client().get("/v1/accounts", apiKey);
            assertThat(response.status()).isEqualTo(200);
        }
    }

    @Test
    void projectsKeysCreateListAndRevokeAProjectsApiKeys() {
        Run project = run("projects", "create", "Keyed");
        String projectId = project.out().lines().filter(l -> l.startsWith("project: ")).findFirst().orElseThrow()
                .replaceAll("project: (\\S+).*", "$1");
        String first = project.out().lines().filter(l -> l.startsWith("api key")).findFirst().orElseThrow()
                .replaceAll(".*: ", "");

        Run created = run("projects", "keys", "create", projectId);
        assertThat(created.exit()).as(created.err()).isEqualTo(0);
        String second = created.out().lines().filter(l -> l.startsWith("api key")).findFirst().orElseThrow()
                .replaceAll(".*: ", "");
        String secondId = ApiKeys.keyId(ApiKeys.hash(second));
        assertThat(created.out()).contains("key id: " + secondId);

        Run listed = run("projects", "keys", "list", projectId);
        assertThat(listed.exit()).isEqualTo(0);
        assertThat(listed.out()).contains(secondId, ApiKeys.keyId(ApiKeys.hash(first)), second.substring(0, 8))
                .doesNotContain(second).doesNotContain(first);

        Run revoked = run("projects", "keys", "revoke", projectId, ApiKeys.keyId(ApiKeys.hash(first)));
        assertThat(revoked.exit()).as(revoked.err()).isEqualTo(0);
        assertThat(run("projects", "keys", "revoke", projectId, "key_nope").exit()).isEqualTo(1);
        assertThat(run("projects", "keys", "list", "prj_nope").exit()).isEqualTo(1);
        assertThat(run("projects", "keys", "revoke", projectId).exit()).isEqualTo(2);

        try (TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, null).build())) {
            assertThat(hub.client().get("/v1/accounts", first).status()).isEqualTo(401);
            assertThat(hub.client().get("/v1/accounts", second).status()).isEqualTo(200);
        }
    }

    @Test
    void accountsSuspendAndResumeRecordTheOsUserAndResumeReVerifies() {
        String apiKey = ApiKeys.newApiKey();
        FakePostmark.Server server = postmark.addServer("Cli suspend");
        String accountId;
        try (TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, apiKey).build())) {
            Response linked = hub.client().post("/v1/accounts", apiKey, Map.of("provider", "postmark",
                    "origin_owner_id", "cli-owner", "credentials", Map.of("server_token", server.serverToken())));
            assertThat(linked.status()).isEqualTo(201);
            accountId = linked.json().path("id").asText();
        }

        Run suspended = run("accounts", "suspend", accountId, "--reason", "Abuse report 42");
        assertThat(suspended.exit()).as(suspended.err()).isEqualTo(0);
        assertThat(suspended.out()).contains(accountId).contains("suspended").contains("Abuse report 42");
        assertThat(run("accounts", "suspend", "acc_nope").exit()).isEqualTo(1);

        try (TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, apiKey).build())) {
            Response account = hub.client().get("/v1/accounts/" + accountId, apiKey);
            assertThat(account.json().path("status").asText()).isEqualTo("suspended");
            assertThat(account.json().path("status_reasons").get(0).path("by").asText())
                    .isEqualTo("cli:" + System.getProperty("user.name"));
        }

        postmark.http().faults().add(Fault.unavailable(Duration.ofSeconds(2)));
        Run unavailable = run("accounts", "resume", accountId);
        assertThat(unavailable.exit()).isEqualTo(HubCli.UNAVAILABLE);
        postmark.http().faults().clear();

        postmark.revoke(server.serverToken());
        Run resumed = run("accounts", "resume", accountId);
        assertThat(resumed.exit()).as(resumed.err()).isEqualTo(0);
        assertThat(resumed.out()).contains(accountId + ": invalid");
        assertThat(suspended.out() + suspended.err() + resumed.out() + resumed.err()).doesNotContain(server.serverToken());
    }

    @Test
    void serveExitWhenReadyStartsTheWholeHubAnswersReadyzAndStops() throws Exception {
        Run run = run("serve", "--exit-when-ready", "--host", "127.0.0.1", "--port", "0");

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out()).contains("/readyz answered 200");
        // a real start: the database, the master key and the default project were created, and the
        // hub let go of them (a second start on the same data dir works, which H2's file lock forbids otherwise)
        assertThat(dataDir.resolve("master.key")).exists();
        assertThat(run("serve", "--exit-when-ready", "--host", "127.0.0.1", "--port", "0").exit()).isEqualTo(0);
    }

    @Test
    void serveExitWhenReadyFailsWhenTheHubCannotStart() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run run = run("serve", "--exit-when-ready", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()));

            assertThat(run.exit()).isNotEqualTo(0);
            assertThat(run.out()).doesNotContain("/readyz answered");
        }
    }

    @Test
    void aCommandLineForOneCommandHoldsThatCommandAloneAndAnythingElseGetsTheWholeTree() {
        assertThat(HubCli.forArgs(new String[] {"serve", "--port", "0"}, Map.of(), System.out, System.err)
                .getSubcommands()).containsOnlyKeys("serve");
        assertThat(HubCli.forArgs(new String[] {"keys", "rotate"}, Map.of(), System.out, System.err)
                .getSubcommands().get("keys").getSubcommands()).containsOnlyKeys("rotate", "reseal", "retire");
        Map<String, CommandLine> all = HubCli.commandLine(Map.of(), System.out, System.err).getSubcommands();
        for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"serv"}}) {
            assertThat(HubCli.forArgs(args, Map.of(), System.out, System.err).getSubcommands())
                    .as(String.join(" ", args)).containsOnlyKeys(all.keySet());
        }
        // the whole tree's usage still lists every command, and a typo still gets picocli's suggestion
        assertThat(run("--help").out()).contains("serve", "verify", "projects", "accounts", "console", "store", "keys", "train");
        Run typo = run("serv");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("serve");
        Run help = run("serve", "--help");
        assertThat(help.exit()).isEqualTo(0);
        assertThat(help.out()).contains("--exit-when-ready", "--postmark-base-url");
    }

    @Test
    void trainRunsAWholeHubsActionPathAgainstItsOwnStandInAndLeavesNothingBehind() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        java.util.Set<Path> before = trainingDirs(tmp);
        // the user's settings do not reach the training: a database it cannot reach, a provider that
        // answers 500 to everything, and the run still goes through
        postmark.http().faults().add(org.connectorhub.testkit.fake.Fault.status(500));
        postmark.http().clearRequests();
        Run run = runWith(Map.of("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:1/nowhere"), "train", "--seconds", "1",
                "--concurrency", "2");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        java.util.regex.Matcher line = java.util.regex.Pattern
                .compile("train: (\\d+) calls to send_email in 1 s, 0 failed").matcher(run.out());
        assertThat(line.find()).as(run.out()).isTrue();
        assertThat(Long.parseLong(line.group(1))).isGreaterThanOrEqualTo(2);
        assertThat(postmark.http().requests()).isEmpty();
        assertThat(trainingDirs(tmp)).isEqualTo(before);
        assertThat(dataDir.resolve("master.key")).doesNotExist();
    }

    @Test
    void trainRefusesAZeroConcurrency() {
        Run run = run("train", "--concurrency", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("--concurrency 1 or more");
    }

    private static java.util.Set<Path> trainingDirs(Path tmp) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hub-train"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void everyVariableAndEveryDeclaredConnectorSettingIsAFlagOfEveryConfigCommand() {
        CommandLine cli = HubCli.commandLine(Map.of(), System.out, System.err);
        for (String[] path : new String[][] {{"serve"}, {"verify"}, {"projects", "create"}, {"projects", "origins"},
                {"keys", "rotate"}, {"keys", "reseal"}, {"keys", "retire"}}) {
            CommandLine command = cli;
            for (String name : path) {
                command = command.getSubcommands().get(name);
            }
            for (HubVariable variable : HubVariable.values()) {
                OptionSpec option = command.getCommandSpec().findOption(variable.flag());
                assertThat(option).as(String.join(" ", path) + " " + variable.flag()).isNotNull();
                assertThat(String.join(" ", option.description())).contains(variable.variable());
            }
            for (String flag : List.of("--postmark-base-url", "--postmark-read-timeout-ms", "--postmark-max-connections",
                    "--connector")) {
                assertThat(command.getCommandSpec().findOption(flag)).as(String.join(" ", path) + " " + flag).isNotNull();
            }
        }
    }

    @Test
    void durationFlagsTakeTheOneGrammarAndListFlagsRepeat() {
        ServeCommand serve = new ServeCommand(Map.of(), System.out);
        new CommandLine(serve).parseArgs("--recheck-interval", "3d", "--cache-account-ttl", "0",
                "--webhooks-retry-max-delay", "1h", "--webhooks-poll-interval", "PT0.5S", "--webhooks-allow-private", "true",
                "--allowed-origins", "https://a.example.com,https://b.example.com", "--allowed-origins", "https://c.example.com",
                "--postmark-max-connections", "5", "--db-url", "jdbc:postgresql://db/hub", "--master-key-file", "/k");

        HubConfig config = serve.options.toConfig(Map.of("HUB_RECHECK_INTERVAL", "1h", "HUB_ALLOWED_ORIGINS", "https://z.example.com"));

        assertThat(config.rechecks().interval()).isEqualTo(Duration.ofDays(3));
        assertThat(config.caches().accountTtl()).isZero();
        assertThat(config.webhooks().retryMaxDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(config.webhooks().pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.webhooks().allowPrivateAddresses()).isTrue();
        assertThat(config.http().allowedOrigins())
                .containsExactly("https://a.example.com", "https://b.example.com", "https://c.example.com");
        assertThat(config.connectorConfig("postmark").properties()).containsEntry("max_connections", "5");
        assertThat(config.databaseSettings().jdbcUrl()).isEqualTo("jdbc:postgresql://db/hub");
        assertThat(config.cipher().masterKeyPath()).isEqualTo(Path.of("/k"));
    }

    @Test
    void aBadFlagValueIsAUsageErrorNamingTheVariable() {
        Run badDuration = run("serve", "--exit-when-ready", "--webhooks-timeout", "soon");
        assertThat(badDuration.exit()).isEqualTo(2);
        assertThat(badDuration.err()).contains("HUB_WEBHOOKS_TIMEOUT").contains("500ms, 30s, 5m, 1h, 3d");

        Run badNumber = run("serve", "--exit-when-ready", "--port", "eighty");
        assertThat(badNumber.exit()).isEqualTo(2);
        assertThat(badNumber.err()).contains("HUB_PORT");
    }

    @Test
    void aBadDurationVariableStopsServeWithAnErrorNamingIt() {
        Run run = runWith(Map.of("HUB_RECHECK_TICK", "often"), "serve", "--exit-when-ready", "--port", "0");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("HUB_RECHECK_TICK").contains("500ms, 30s, 5m, 1h, 3d");
        assertThat(run.out()).doesNotContain("/readyz answered");
    }

    @Test
    void serveWarnsAboutMistypedVariablesNamingTheNearestOneButNeverTheValue() {
        Logger logger = (Logger) LoggerFactory.getLogger(HubConfig.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            Run run = runWith(Map.of("HUB_PROT", "secret-looking-value-1", "HUB_POSTMRK_BASE_URL", "http://secret-host-2"),
                    "serve", "--exit-when-ready", "--host", "127.0.0.1", "--port", "0");

            assertThat(run.exit()).isEqualTo(0);
            List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains("HUB_PROT").contains("did you mean HUB_PORT?"));
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains("HUB_POSTMRK_BASE_URL")
                    .contains("did you mean HUB_POSTMARK_BASE_URL?"));
            String everything = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList())
                    + run.out() + run.err();
            assertThat(everything).doesNotContain("secret-looking-value-1", "secret-host-2");
        } finally {
            logger.detachAppender(logs);
        }
    }
}
