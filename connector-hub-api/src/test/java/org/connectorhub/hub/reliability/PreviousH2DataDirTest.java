package org.connectorhub.hub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.crypto.ApiKeys;

import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code ./hub-data} written by the H2 of earlier releases (2.3.232) opens with today's H2: the
 * hub runs as its own JVM with the previous H2 jar (target/previous-h2, copied by the build) in
 * place of today's, links an account and stops; then the hub on today's H2 opens the same data
 * dir, applies its migrations, and the account, its sealed credentials and the API key all work.
 */
class PreviousH2DataDirTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @TempDir
    Path root;

    @Test
    void aDataDirWrittenByThePreviousH2OpensWithTodays() throws Exception {
        Path previousJar = Path.of(System.getProperty("hub.previousH2Jar", "target/previous-h2/h2-2.3.232.jar"));
        assertThat(previousJar).as("copied by maven-dependency-plugin (execution previous-h2)").isRegularFile();
        String previous = h2Version(previousJar);
        String today = org.h2.engine.Constants.FULL_VERSION;
        assertThat(previous).startsWith("2.3.");
        assertThat(today).doesNotStartWith("2.3.");

        Path dataDir = root.resolve("hub-data");
        try (FakePostmark postmark = FakePostmark.start()) {
            FakePostmark.Server server = postmark.addServer("Written by H2 " + previous);
            String accountId;
            try (HubProcess old = HubProcess.serve(classPathWith(previousJar), dataDir, API_KEY,
                    postmark.baseUri().toString())) {
                Response linked = old.client().post("/v1/accounts", API_KEY, Map.of("provider", "postmark",
                        "origin_owner_id", "before-the-upgrade", "credentials",
                        Map.of("server_token", server.serverToken())));
                assertThat(linked.status()).as(old.output()).isEqualTo(201);
                accountId = linked.json().path("id").asText();
            }
            assertThat(dataDir.resolve("hub.mv.db")).isRegularFile();

            try (TestHub upgraded = TestHub.start(postmark, dataDir, null)) {
                assertThat(createBuild(upgraded.instance(DataSource.class)))
                        .as("the data dir was created by the previous H2").isEqualTo(previous.split("[. ]")[2]);
                HubClient api = upgraded.client();
                Response account = api.get("/v1/accounts/" + accountId, API_KEY);
                assertThat(account.status()).as("the API key and the account carried over").isEqualTo(200);
                assertThat(account.json().path("provider_account").path("name").asText()).isEqualTo(server.name());
                Response verified = api.post("/v1/accounts/" + accountId + "/verify", API_KEY, "");
                assertThat(verified.json().path("outcome").asText()).as("the sealed credentials open: %s", verified)
                        .isEqualTo("verified");
                Response sent = api.post("/v1/accounts/" + accountId + "/actions/send_email", API_KEY,
                        Map.of("from", "a@example.com", "to", "b@example.com", "subject", "after the upgrade",
                                "text_body", "t"));
                assertThat(sent.status()).isEqualTo(200);
                Response linkedToday = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark",
                        "origin_owner_id", "after-the-upgrade", "credentials",
                        Map.of("server_token", postmark.addServer("Written by H2 " + today).serverToken())));
                assertThat(linkedToday.status()).isEqualTo(201);
            }
        }
    }

    /** This JVM's class path with the previous H2 jar in place of today's. */
    private static String classPathWith(Path previousJar) {
        List<String> entries = new ArrayList<>();
        int replaced = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().matches("h2-[0-9.]+\\.jar")) {
                replaced++;
                continue;
            }
            entries.add(entry);
        }
        assertThat(replaced).as("today's H2 jar on the test class path").isEqualTo(1);
        entries.add(previousJar.toAbsolutePath().toString());
        return String.join(File.pathSeparator, entries);
    }

    /** The build of H2 that created the database (H2 keeps it in its settings). */
    private static String createBuild(DataSource database) throws Exception {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT setting_value FROM information_schema.settings WHERE lower(setting_name) = 'create_build'")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    private static String h2Version(Path jar) throws Exception {
        assertThat(Files.size(jar)).isPositive();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return (String) loader.loadClass("org.h2.engine.Constants").getField("FULL_VERSION").get(null);
        }
    }
}
