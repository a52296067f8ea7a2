package org.connectorhub.hub.projects;

import org.connectorhub.hub.crypto.ApiKeys;

import org.connectorhub.hub.config.AllowedOrigins;

import org.connectorhub.hub.config.HubConfig;

import org.connectorhub.hub.TestHub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.HubCli;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An operator sets which origins may embed the Hub page: {@code HUB_ALLOWED_ORIGINS} for the default
 * project at start, {@code hub projects origins} for any project; both refuse anything but an origin.
 */
class AllowedOriginsTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    static FakePostmark postmark;

    @BeforeAll
    static void start() {
        postmark = FakePostmark.start();
    }

    @AfterAll
    static void stop() {
        postmark.close();
    }

    @Test
    void originsAreNormalizedAndDeduplicated() {
        assertThat(AllowedOrigins.parse(" https://App.Example.com/ , http://localhost:3000,,https://app.example.com"))
                .containsExactly("https://app.example.com", "http://localhost:3000");
        assertThat(AllowedOrigins.normalize("http://[::1]:8080")).isEqualTo("http://[::1]:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.example.com", "https://app.example.com/path", "https://*.example.com", "ftp://example.com",
            "https://app.example.com:0", "https://app.example.com:70000", "https://a b.com", "https://x.com; script-src *",
            "https://user@example.com", "https://example.com?q=1", "'self'", ""})
    void anythingButSchemeHostAndPortIsRefused(String origin) {
        assertThatThrownBy(() -> AllowedOrigins.normalize(origin)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme://host[:port]");
    }

    @Test
    void aBadHubAllowedOriginsRefusesTheConfiguration() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_ALLOWED_ORIGINS", "https://ok.example.com,*")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'*'");
        assertThat(HubConfig.fromEnvironment(Map.of("HUB_ALLOWED_ORIGINS", "https://ok.example.com")).connectors().settings())
                .as("not taken for a connector setting").isEmpty();
    }

    @Test
    void hubAllowedOriginsIsAppliedToTheDefaultProjectAtStartAndTheCliSetsAnyProject(@TempDir Path dataDir) {
        Map<String, String> env = Map.of("HUB_ALLOWED_ORIGINS", "https://app.example.com,http://localhost:3000");
        try (TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, API_KEY).environment(env).build())) {
            assertThat(frameAncestors(hub)).isEqualTo("'self' https://app.example.com http://localhost:3000");
        }

        Cli set = cli(dataDir, "projects", "origins", "default", "https://other.example.com", "https://OTHER.example.com/");
        assertThat(set.exit()).as(set.err()).isEqualTo(HubCli.OK);
        assertThat(set.out()).contains("https://other.example.com");

        try (TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, API_KEY).build())) {
            assertThat(frameAncestors(hub)).as("without HUB_ALLOWED_ORIGINS the stored origins stay")
                    .isEqualTo("'self' https://other.example.com");
        }
        Cli serveAgain = cli(dataDir, Map.of("HUB_ALLOWED_ORIGINS", "https://app.example.com,http://localhost:3000",
                "HUB_BOOTSTRAP_API_KEY", API_KEY), "projects", "origins", "default");
        assertThat(serveAgain.out()).as("a command that does not start the hub leaves them alone")
                .contains("https://other.example.com");
        try (TestHub hub = TestHub.start(TestHub.config(postmark, dataDir, API_KEY).environment(env).build())) {
            assertThat(frameAncestors(hub)).as("the variable wins at start")
                    .isEqualTo("'self' https://app.example.com http://localhost:3000");
        }

        Cli bad = cli(dataDir, "projects", "origins", "default", "https://fine.example.com", "https://x.com/*");
        assertThat(bad.exit()).isEqualTo(HubCli.USAGE);
        assertThat(bad.err()).contains("scheme://host[:port]");
        Cli shown = cli(dataDir, "projects", "origins", "default");
        assertThat(shown.exit()).isEqualTo(HubCli.OK);
        assertThat(shown.out()).as("a refused list changes nothing")
                .contains("https://app.example.com http://localhost:3000").doesNotContain("fine.example.com");
        assertThat(cli(dataDir, "projects", "origins", "no-such-project", "https://a.example.com").exit())
                .isEqualTo(HubCli.FAILED);
        Cli cleared = cli(dataDir, "projects", "origins", "default", "--clear");
        assertThat(cleared.exit()).isEqualTo(HubCli.OK);
        assertThat(cleared.out()).contains("no origins");
    }

    @Test
    void theCliSetsTheOriginsOfAProjectItCreated(@TempDir Path dataDir) {
        Cli created = cli(dataDir, "projects", "create", "Shop");
        assertThat(created.exit()).as(created.err()).isEqualTo(HubCli.OK);
        String projectId = created.out().lines().filter(line -> line.startsWith("project: ")).findFirst().orElseThrow()
                .substring("project: ".length()).split(" ")[0];

        Cli set = cli(dataDir, "projects", "origins", projectId, "https://shop.example.com:8443");

        assertThat(set.exit()).as(set.err()).isEqualTo(HubCli.OK);
        assertThat(cli(dataDir, "projects", "origins", projectId).out())
                .contains("origins allowed to embed the Hub page: https://shop.example.com:8443");
    }

    /** The frame-ancestors of the Hub page opened with a fresh session of the default project. */
    private static String frameAncestors(TestHub hub) {
        Response session = hub.client().post("/v1/connect_sessions", API_KEY,
                Map.of("origin_owner_id", "embedder", "origin_owner_name", "Embedder"));
        assertThat(session.status()).isEqualTo(201);
        Response page = hub.client().get("/hub?token=" + session.json().path("token").asText(), null);
        assertThat(page.status()).isEqualTo(200);
        String policy = page.header("Content-Security-Policy").orElseThrow();
        return policy.substring(policy.indexOf("frame-ancestors ") + "frame-ancestors ".length()).strip();
    }

    record Cli(int exit, String out, String err) {
    }

    private static Cli cli(Path dataDir, String... args) {
        return cli(dataDir, Map.of(), args);
    }

    private static Cli cli(Path dataDir, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        int exit = HubCli.commandLine(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(all.toArray(String[]::new));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
