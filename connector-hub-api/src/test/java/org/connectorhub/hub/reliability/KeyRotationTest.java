package org.connectorhub.hub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.crypto.CipherLifecycle;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.HubCli;
import org.connectorhub.hub.crypto.KeyResealer;
import org.connectorhub.hub.crypto.KeyRetirement;
import org.connectorhub.hub.crypto.KeysetRepository;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation end to end: rotate while serving, re-seal in the background while clients keep
 * opening credentials (verify, send) and changing accounts, retire the old key only once nothing
 * uses it, and everything still opens after a restart. Then the same through the CLI.
 */
class KeyRotationTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final int ACCOUNTS = 24;

    @TempDir
    Path dataDir;

    @Test
    void rotateResealInTheBackgroundRetireAndEverythingStaysReadable() throws Exception {
        try (FakePostmark postmark = FakePostmark.start()) {
            List<String> ids = new ArrayList<>();
            try (TestHub hub = TestHub.start(postmark, dataDir, API_KEY)) {
                HubClient api = hub.client();
                for (int i = 0; i < ACCOUNTS; i++) {
                    Response linked = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark",
                            "origin_owner_id", "rot-" + i, "credentials",
                            Map.of("server_token", postmark.addServer("Rot " + i).serverToken())));
                    assertThat(linked.status()).isEqualTo(201);
                    ids.add(linked.json().path("id").asText());
                }
                CipherLifecycle cipher = hub.instance(CipherLifecycle.class);
                DataSource dataSource = hub.instance(DataSource.class);
                KeyResealer resealer = new KeyResealer(dataSource, cipher, cipher::primaryVersion);
                KeyRetirement retirement = new KeyRetirement(new KeysetRepository(dataSource),
                        MasterKey.loadOrCreate(dataDir.resolve("master.key")), resealer);
                assertThat(resealer.countSealedWith(1)).isEqualTo(ACCOUNTS);
                assertThat(keyVersions(dataSource)).as("the hub's store records key versions").containsOnly(1);

                int version = cipher.rotate();
                assertThat(version).isEqualTo(2);
                assertThatThrownBy(() -> retirement.retire(1)).as("still in use")
                        .isInstanceOf(KeyRetirement.KeyInUseException.class).hasMessageContaining(ACCOUNTS + " stored secrets");
                assertThatThrownBy(() -> retirement.retire(2)).as("the primary")
                        .isInstanceOf(KeyRetirement.KeyInUseException.class);

                // clients keep reading (opening credentials) and writing while the re-seal runs
                AtomicBoolean resealing = new AtomicBoolean(true);
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                AtomicInteger reads = new AtomicInteger();
                AtomicInteger writes = new AtomicInteger();
                CountDownLatch clientsRunning = new CountDownLatch(4);
                ExecutorService clients = Executors.newFixedThreadPool(4);
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    running.add(clients.submit(() -> {
                        clientsRunning.countDown();
                        int n = thread;
                        while (resealing.get() || n < thread + 8) {
                            String id = ids.get(n % ids.size());
                            boolean ok;
                            if (thread == 3) {
                                // a write racing the re-seal may lose the optimistic race, like any concurrent change
                                Response response = api.patch("/v1/accounts/" + id, API_KEY, Map.of("label", "L" + n), Map.of());
                                ok = response.status() == 200 || response.status() == 409;
                            } else if (thread == 2) {
                                Response response = api.get("/v1/accounts/" + id, API_KEY);
                                ok = response.status() == 200 && response.json().path("status").asText().equals("active");
                            } else {
                                // opens the sealed credentials and uses them at the fake
                                Response response = api.post("/v1/accounts/" + id + "/actions/send_email", API_KEY,
                                        Map.of("from", "a@example.com", "to", "b@example.com", "subject", "during re-seal",
                                                "text_body", "t"));
                                ok = response.status() == 200;
                            }
                            if (!ok) {
                                failures.add(id + " thread " + thread);
                            }
                            (thread == 3 ? writes : reads).incrementAndGet();
                            n += 4;
                        }
                    }));
                }
                assertThat(clientsRunning.await(10, TimeUnit.SECONDS)).isTrue();
                long left;
                try {
                    // paced, so the clients' calls interleave with the re-seal row by row
                    resealer.resealAll(Duration.ofMillis(15), resealed -> { });
                    left = resealer.resealUntilDone(10);
                } finally {
                    resealing.set(false);
                }
                for (Future<?> client : running) {
                    client.get(60, TimeUnit.SECONDS);
                }
                clients.shutdownNow();

                assertThat(left).isZero();
                assertThat(failures).as("every read during the re-seal opened its credentials").isEmpty();
                assertThat(resealer.countSealedWith(1)).isZero();
                assertThat(keyVersions(dataSource)).as("every row records the key that sealed it").containsOnly(2);
                retirement.retire(1);
                assertThat(new KeysetRepository(dataSource).load().orElseThrow().keyLog()).doesNotContain("\n1 ")
                        .doesNotStartWith("1 ");
                Figures.count("rotation.accounts_resealed_while_serving", ids.size());
                Figures.count("rotation.reads_during_reseal (send_email opening credentials, GET)", reads.get());
                Figures.count("rotation.writes_during_reseal (PATCH)", writes.get());
            }

            // after a restart with key 1 gone, every account still opens
            try (TestHub hub = TestHub.start(postmark, dataDir, API_KEY)) {
                for (String id : ids) {
                    Response verified = hub.client().post("/v1/accounts/" + id + "/verify", API_KEY, "");
                    assertThat(verified.json().path("outcome").asText()).as(id).isEqualTo("verified");
                }
                int before = postmark.sentEmailCount();
                assertThat(hub.client().post("/v1/accounts/" + ids.get(0) + "/actions/send_email", API_KEY,
                        Map.of("from", "a@example.com", "to", "b@example.com", "subject", "s", "text_body", "t"))
                        .status()).isEqualTo(200);
                assertThat(postmark.sentEmailCount()).isEqualTo(before + 1);
            }

            // the same through the CLI: rotate, retire refused, reseal, retire
            assertThat(cli("keys", "rotate").out()).contains("key version 3");
            CliRun refused = cli("keys", "retire", "--version", "2");
            assertThat(refused.exit()).isEqualTo(HubCli.FAILED);
            assertThat(refused.err()).contains("refused").contains("re-seal");
            CliRun resealed = cli("keys", "reseal");
            assertThat(resealed.exit()).as(resealed.out() + resealed.err()).isEqualTo(HubCli.OK);
            assertThat(resealed.out()).contains("re-sealed " + ACCOUNTS + " of " + ACCOUNTS);
            assertThat(cli("keys", "retire", "--version", "3").exit()).as("the primary").isEqualTo(HubCli.FAILED);
            assertThat(cli("keys", "retire", "--version", "2").exit()).isEqualTo(HubCli.OK);
            try (TestHub hub = TestHub.start(postmark, dataDir, API_KEY)) {
                for (String id : ids) {
                    assertThat(hub.client().post("/v1/accounts/" + id + "/verify", API_KEY, "").json()
                            .path("outcome").asText()).isEqualTo("verified");
                }
            }
        }
    }

    record CliRun(int exit, String out, String err) {
    }

    CliRun cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HubCli.commandLine(Map.of("HUB_DATA_DIR", dataDir.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<Integer> keyVersions(DataSource dataSource) throws Exception {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT key_version FROM accounts")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }
}
