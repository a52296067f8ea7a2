package org.connectorhub.hub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.HubCli;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL the hub process in the middle of a burst of concurrent links, restart it on the same
 * data dir: every link that was answered 201/200 is there and its credentials open (verified
 * against the fake with the token it was linked with), and every row that exists opens: nothing is
 * half-written. Then the same for key rotation: kill {@code keys rotate} and {@code keys reseal}
 * halfway, and everything still opens; a second re-seal finishes the job and the old key retires.
 */
class CrashSafetyTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final int CRASHES = 2;
    private static final int CLIENTS = 8;

    @TempDir
    Path root;

    @Test
    void answeredLinksSurviveSigkillMidBurstAndSoDoesAnInterruptedRotation() throws Exception {
        Path dataDir = root.resolve("data");
        Map<String, String> answered = new ConcurrentHashMap<>(); // account id -> server token
        int unanswered = 0;
        try (FakePostmark postmark = FakePostmark.start()) {
            for (int crash = 1; crash <= CRASHES; crash++) {
                HubProcess hub = HubProcess.serve(dataDir, API_KEY, postmark.baseUri().toString());
                try {
                    HubClient api = hub.client();
                    AtomicInteger answeredThisRound = new AtomicInteger();
                    AtomicInteger failedThisRound = new AtomicInteger();
                    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                    List<Future<?>> burst = new ArrayList<>();
                    int round = crash;
                    for (int c = 0; c < CLIENTS; c++) {
                        int client = c;
                        burst.add(clients.submit(() -> {
                            for (int i = 0; ; i++) {
                                FakePostmark.Server server = postmark.addServer("Crash " + round + "-" + client + "-" + i);
                                Response response;
                                try {
                                    response = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark",
                                            "origin_owner_id", "crash-" + round + "-" + client + "-" + i,
                                            "credentials", Map.of("server_token", server.serverToken())));
                                } catch (RuntimeException killed) {
                                    failedThisRound.incrementAndGet();
                                    return;
                                }
                                if (response.status() == 201 || response.status() == 200) {
                                    answered.put(response.json().path("id").asText(), server.serverToken());
                                    answeredThisRound.incrementAndGet();
                                }
                            }
                        }));
                    }
                    // kill while all clients are mid-flight
                    await().atMost(Duration.ofSeconds(60)).until(() -> answeredThisRound.get() >= 15);
                    hub.kill();
                    for (Future<?> client : burst) {
                        client.get(60, TimeUnit.SECONDS);
                    }
                    clients.shutdownNow();
                    unanswered += failedThisRound.get();
                } finally {
                    hub.close();
                }
                assertEverythingOpens(postmark, dataDir, answered);
            }
            Figures.count("crash.sigkills_during_link_bursts", CRASHES);
            Figures.count("crash.links_answered_and_found_after_restart", answered.size());
            Figures.count("crash.links_in_flight_at_kill (no answer)", unanswered);

            // key rotation killed halfway: first `keys rotate` as soon as it has its database open
            HubProcess rotate = HubProcess.start(dataDir, "rotate", "keys", "rotate", "--data-dir", dataDir.toString());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> rotate.output().contains("database ready") || !rotate.isAlive());
            rotate.kill();
            assertEverythingOpens(postmark, dataDir, answered);

            // then a rotation that completes, and a re-seal killed after its first rows
            assertThat(cli(dataDir, "keys", "rotate").exit()).isEqualTo(HubCli.OK);
            HubProcess reseal = HubProcess.start(dataDir, "reseal", "keys", "reseal", "--pause-ms", "50",
                    "--data-dir", dataDir.toString());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> reseal.output().contains("progress: re-sealed 10") || !reseal.isAlive());
            assertThat(reseal.isAlive()).as("killed halfway, not after it finished: %s", reseal.output()).isTrue();
            reseal.kill();
            assertEverythingOpens(postmark, dataDir, answered);
            CliRun refused = cli(dataDir, "keys", "retire", "--version", "1");
            assertThat(refused.exit()).as("the old key is still in use after the interrupted re-seal").isEqualTo(HubCli.FAILED);

            CliRun finished = cli(dataDir, "keys", "reseal");
            assertThat(finished.exit()).as(finished.toString()).isEqualTo(HubCli.OK);
            assertThat(cli(dataDir, "keys", "retire", "--version", "1").exit()).isEqualTo(HubCli.OK);
            assertEverythingOpens(postmark, dataDir, answered);
            Figures.count("crash.sigkills_during_key_rotation (rotate, reseal)", 2);
        }
    }

    /** Every answered link exists with its credentials; every stored account opens. */
    private static void assertEverythingOpens(FakePostmark postmark, Path dataDir, Map<String, String> answered) {
        try (TestHub hub = TestHub.start(postmark, dataDir, null)) {
            HubClient api = hub.client();
            List<JsonNode> all = new ArrayList<>();
            String cursor = null;
            do {
                Response page = api.get("/v1/accounts?page_size=200" + (cursor == null ? "" : "&cursor=" + cursor), API_KEY);
                assertThat(page.status()).isEqualTo(200);
                page.json().path("data").forEach(all::add);
                cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText(null);
            } while (cursor != null);
            List<String> stored = all.stream().map(a -> a.path("id").asText()).toList();
            assertThat(stored).as("every link answered 201/200 is stored").containsAll(answered.keySet());
            for (String id : stored) {
                Response verified = api.post("/v1/accounts/" + id + "/verify", API_KEY, "");
                assertThat(verified.json().path("outcome").asText()).as("%s opens: %s", id, verified).isEqualTo("verified");
            }
            for (Map.Entry<String, String> link : answered.entrySet()) {
                String name = all.stream().filter(a -> a.path("id").asText().equals(link.getKey())).findFirst()
                        .orElseThrow().path("provider_account").path("name").asText();
                assertThat(postmark.servers()).as("sealed with the token it was linked with")
                        .anyMatch(s -> s.name().equals(name) && s.serverToken().equals(link.getValue()));
            }
            String sample = answered.keySet().iterator().next();
            assertThat(api.post("/v1/accounts/" + sample + "/actions/send_email", API_KEY, Map.of("from", "a@example.com",
                    "to", "b@example.com", "subject", "after the crash", "text_body", "t")).status()).isEqualTo(200);
        }
    }

    record CliRun(int exit, String out, String err) {
    }

    static CliRun cli(Path dataDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HubCli.commandLine(Map.of("HUB_DATA_DIR", dataDir.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
