package org.connectorhub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.connectorhub.hub.HubCli;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/hub console link}: a link printed by the command signs in on a hub over the same database. */
class ConsoleLinkCommandTest {
    @TempDir
    Path dataDir;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HubCli.commandLine(Map.of("HUB_DATA_DIR", dataDir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void thePrintedLinkSignsInOnceOnTheHub() {
        try (FakePostmark postmark = FakePostmark.start()) {
            String apiKey = ApiKeys.newApiKey();
            TestHub.start(postmark, dataDir, apiKey).close();

            Run link = run("console", "link");
            assertThat(link.exit()).as(link.err()).isZero();
            String url = link.out().strip();
            assertThat(url).matches("http://localhost:8080/console/sign-in\\?token=chl_[A-Za-z0-9_-]{43}");

            Run unknown = run("console", "link", "--project", "prj_nothing");
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).contains("no project 'prj_nothing'");

            try (TestHub hub = TestHub.start(postmark, dataDir, apiKey)) {
                URI uri = URI.create(url);
                HubClient.Response first = hub.client().get(uri.getRawPath() + "?" + uri.getRawQuery(), null);
                assertThat(first.status()).isEqualTo(303);
                assertThat(first.header("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Strict");
                assertThat(hub.client().get(uri.getRawPath() + "?" + uri.getRawQuery(), null).status()).isEqualTo(410);
                assertThat(hub.console()).doesNotContain("Operator console sign-in link");
            }
        }
    }
}
