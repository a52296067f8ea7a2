package org.connectorhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.config.DatabaseSettings;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.hub.storage.ChangeListener;
import org.connectorhub.hub.storage.TestDatabases;
import org.connectorhub.testkit.fake.RecordedRequest;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hubs on one PostgreSQL database, with caches kept 5 minutes (the TTL cannot explain
 * anything here): a change committed through hub B takes effect on hub A as soon as A hears the
 * notice (retrying at most {@link #PROPAGATION}), and while A's listening connection is down A
 * reads every row fresh, then caches again once it is back.
 * <p>
 * {@code -Dhub.propagation.tries=200} also measures the delay (B's answer to A's first answer
 * showing the change) and prints p50/p99 (the figures in docs/benchmarks.md); it asserts no time.
 */
class ChangePropagationTwoHubsTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final Duration PROPAGATION = Duration.ofSeconds(1);
    private static final Pattern UP = Pattern.compile("(?m)^hub_cache_listener_up(?:\\{[^}]*\\})? (\\S+)$");
    private static final Pattern OUTAGES = Pattern.compile("(?m)^hub_cache_listener_outages_total(?:\\{[^}]*\\})? (\\S+)$");
    private static final Pattern NOTICES = Pattern.compile("(?m)^hub_cache_notices_total(?:\\{[^}]*\\})? (\\S+)$");

    @TempDir
    static Path dirA;

    @TempDir
    static Path dirB;

    static FakePostmark postmark;
    static DatabaseSettings database;
    static TestHub a;
    static TestHub b;

    @BeforeAll
    static void start() {
        postmark = FakePostmark.start();
        database = TestDatabases.newPostgresDatabase();
        String masterKey = MasterKey.generateBase64();
        a = TestHub.start(on(masterKey, dirA).build());
        b = TestHub.start(on(masterKey, dirB).build());
    }

    @AfterAll
    static void stop() {
        for (TestHub hub : new TestHub[] {a, b}) {
            if (hub != null) {
                hub.close();
            }
        }
        postmark.close();
    }

    private static HubConfig.Builder on(String masterKey, Path dir) {
        return TestHub.config(postmark, dir, API_KEY).dbUrl(database.jdbcUrl()).dbUser(database.user())
                .dbPassword(database.password()).masterKey(masterKey)
                .connector("cache", "api_key_ttl", "5m").connector("cache", "account_ttl", "5m");
    }

    @BeforeEach
    void bothHubsListen() {
        await().atMost(Duration.ofSeconds(30)).until(() -> listenerUp(a) && listenerUp(b));
    }

    @Test
    void anAccountUnlinkedOnBIsRefusedOnA() {
        String id = link(b, "unlinked-on-b", postmark.addServer("Unlinked on B").serverToken());
        assertThat(send(a, id).status()).as("A reads and caches the row").isEqualTo(200);
        assertThat(send(a, id).status()).isEqualTo(200);

        assertThat(b.client().delete("/v1/accounts/" + id, API_KEY).status()).isEqualTo(204);

        awaitOnA(() -> "account_not_found".equals(send(a, id).code()));
        assertThat(send(a, id).status()).isEqualTo(404);
    }

    @Test
    void anAccountSuspendedOnBIsRefusedOnA() {
        String id = link(b, "suspended-on-b", postmark.addServer("Suspended on B").serverToken());
        assertThat(send(a, id).status()).isEqualTo(200);

        assertThat(b.client().post("/v1/accounts/" + id + "/suspend", API_KEY, Map.of("reason", "abuse")).status())
                .isEqualTo(200);

        awaitOnA(() -> "account_suspended".equals(send(a, id).code()));
    }

    @Test
    void anApiKeyRevokedOnBIsRefusedOnA() {
        Response created = b.client().post("/v1/api_keys", API_KEY, Map.of());
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().path("key").asText();
        assertThat(a.client().get("/v1/accounts", key).status()).as("A caches the key").isEqualTo(200);

        assertThat(b.client().delete("/v1/api_keys/" + created.json().path("id").asText(), API_KEY).status())
                .isEqualTo(204);

        awaitOnA(() -> a.client().get("/v1/accounts", key).status() == 401);
    }

    @Test
    void anAccountReLinkedOnBIsUsedWithItsNewCredentialsOnA() {
        FakePostmark.Server first = postmark.addServer("Before re-link");
        FakePostmark.Server second = postmark.addServer("After re-link");
        String id = link(b, "re-linked-on-b", first.serverToken());
        assertThat(send(a, id).status()).isEqualTo(200);
        assertThat(lastEmailToken()).isEqualTo(first.serverToken());

        Response patched = b.client().patch("/v1/accounts/" + id, API_KEY,
                Map.of("credentials", Map.of("server_token", second.serverToken())), Map.of());
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        awaitOnA(() -> send(a, id).status() == 200 && second.serverToken().equals(lastEmailToken()));
    }

    @Test
    void whileItsListenerIsDownAReadsFreshRowsAndCachesAgainOnceItIsBack() throws SQLException {
        double outagesBefore = metric(a, OUTAGES);
        String doomed = createKeyOn(b);
        assertThat(a.client().get("/v1/accounts", doomed).status()).as("A caches the key").isEqualTo(200);

        try (Connection admin = adminConnection(); Connection hubDatabase = rawConnection()) {
            // no new connection to the hubs' database (so the listeners cannot come back), then cut theirs
            exec(admin, "ALTER DATABASE " + databaseName() + " WITH ALLOW_CONNECTIONS false");
            try {
                try (PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(pid) "
                        + "FROM pg_stat_activity WHERE datname = ? AND application_name = ?")) {
                    kill.setString(1, databaseName());
                    kill.setString(2, ChangeListener.APPLICATION_NAME);
                    kill.executeQuery().close();
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> !listenerUp(a));
                assertThat(metric(a, OUTAGES)).isGreaterThan(outagesBefore);

                // a change no hub announces: only a fresh read can see it
                deleteKeyQuietly(hubDatabase, doomed);
                assertThat(a.client().get("/v1/accounts", doomed).status()).as("bypassed: read fresh").isEqualTo(401);
            } finally {
                exec(admin, "ALTER DATABASE " + databaseName() + " WITH ALLOW_CONNECTIONS true");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> listenerUp(a));

            // A has heard the key's creation, so nothing pending can drop what A caches next
            String kept = afterAHeard(() -> createKeyOn(b));
            assertThat(a.client().get("/v1/accounts", kept).status()).isEqualTo(200);
            deleteKeyQuietly(hubDatabase, kept);
            assertThat(a.client().get("/v1/accounts", kept).status())
                    .as("caching again: an unannounced change is not seen within the TTL").isEqualTo(200);
        }
    }

    /** Not a speed test: prints the delays; asserts only that every change arrived. */
    @Test
    void measuresThePropagationDelay() {
        int tries = Integer.getInteger("hub.propagation.tries", 10);
        List<Long> unlink = new ArrayList<>();
        List<Long> revoke = new ArrayList<>();
        List<Long> relink = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            int n = i;
            // each change starts from a row A has cached after hearing its creation (else A reads it fresh)
            String id = afterAHeard(() -> link(b, "measured-" + n, postmark.addServer("Measured " + n).serverToken()));
            assertThat(send(a, id).status()).isEqualTo(200);
            assertThat(b.client().delete("/v1/accounts/" + id, API_KEY).status()).isEqualTo(204);
            unlink.add(awaitOnA(() -> send(a, id).status() == 404));

            Response created = afterAHeard(() -> b.client().post("/v1/api_keys", API_KEY, Map.of()));
            String hash = ApiKeys.hash(created.json().path("key").asText());
            // A's own key lookup (its cache), not HTTP: 200 refused keys from one address would trip the
            // failed-attempt limiter
            ProjectStore projectsOnA = a.instance(ProjectStore.class);
            assertThat(projectsOnA.findByApiKeyHash(hash)).isPresent();
            assertThat(b.client().delete("/v1/api_keys/" + created.json().path("id").asText(), API_KEY).status())
                    .isEqualTo(204);
            revoke.add(awaitOnA(() -> projectsOnA.findByApiKeyHash(hash).isEmpty()));

            FakePostmark.Server before = postmark.addServer("Relink before " + i);
            FakePostmark.Server after = postmark.addServer("Relink after " + i);
            String relinked = afterAHeard(() -> link(b, "measured-relink-" + n, before.serverToken()));
            assertThat(send(a, relinked).status()).isEqualTo(200);
            assertThat(b.client().patch("/v1/accounts/" + relinked, API_KEY,
                    Map.of("credentials", Map.of("server_token", after.serverToken())), Map.of()).status()).isEqualTo(200);
            relink.add(awaitOnA(() -> send(a, relinked).status() == 200 && after.serverToken().equals(lastEmailToken())));
        }
        System.out.printf("change propagation over %d tries (ms, p50 / p99 / max): unlink %s, key revoke %s, re-link %s%n",
                tries, summary(unlink), summary(revoke), summary(relink));
    }

    /** Runs the change on B and waits until A has heard its notice. */
    private static <T> T afterAHeard(java.util.function.Supplier<T> change) {
        double heard = metric(a, NOTICES);
        T result = change.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> metric(a, NOTICES) > heard);
        return result;
    }

    private static String summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("%.1f / %.1f / %.1f", percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

    /** Polls A until the change shows, for at most {@link #PROPAGATION}; the time it took, in nanoseconds. */
    private static long awaitOnA(BooleanSupplier changed) {
        long start = System.nanoTime();
        long deadline = start + PROPAGATION.toNanos();
        while (true) {
            if (changed.getAsBoolean()) {
                return System.nanoTime() - start;
            }
            assertThat(System.nanoTime() - deadline).as("the change reached hub A within %s", PROPAGATION).isNegative();
        }
    }

    private static String createKeyOn(TestHub hub) {
        Response created = hub.client().post("/v1/api_keys", API_KEY, Map.of());
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("key").asText();
    }

    private static void deleteKeyQuietly(Connection connection, String key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM api_keys WHERE hash = ?")) {
            delete.setString(1, ApiKeys.hash(key));
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
    }

    private static String lastEmailToken() {
        List<RecordedRequest> sent = postmark.http().requests("POST", "/email");
        return sent.isEmpty() ? null : sent.get(sent.size() - 1).header(FakePostmark.SERVER_TOKEN_HEADER).orElse(null);
    }

    private static boolean listenerUp(TestHub hub) {
        return metric(hub, UP) == 1.0;
    }

    private static double metric(TestHub hub, Pattern pattern) {
        Matcher matcher = pattern.matcher(hub.client().get("/metrics", null).body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private static String databaseName() {
        String url = database.jdbcUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private static Connection adminConnection() throws SQLException {
        String url = database.jdbcUrl();
        return DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
                database.user(), database.password());
    }

    private static void exec(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String link(TestHub hub, String owner, String serverToken) {
        Response response = hub.client().post("/v1/accounts", API_KEY, TwoHubs.link(owner, serverToken));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private static Response send(TestHub hub, String accountId) {
        return hub.client().post("/v1/accounts/" + accountId + "/actions/send_email", API_KEY, TwoHubs.email("Heard?"));
    }
}
