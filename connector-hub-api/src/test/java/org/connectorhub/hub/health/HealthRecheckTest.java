package org.connectorhub.hub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.hub.webhooks.WebhookTestKit;
import org.connectorhub.hub.webhooks.WebhookReceiver;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scheduled re-checks against the fake Postmark: a revoked token turns the account invalid with
 * exactly one status event, an outage changes nothing, a later success restores it. Passes are
 * run with {@link HealthRecheckScheduler#runOnce(Instant)} two intervals ahead, so every production
 * account is due; no test waits for the clock.
 */
class HealthRecheckTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;
    static HealthRecheckScheduler scheduler;

    WebhookReceiver receiver;
    String endpointId;
    String apiKey;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.configured((postmark, dataDir) ->
            WebhookTestKit.fastConfig(postmark, dataDir));

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
        scheduler = hub.instance(HealthRecheckScheduler.class);
    }

    @BeforeEach
    void endpoint() {
        postmark.http().faults().clear();
        receiver = WebhookReceiver.start();
        apiKey = ApiKeys.newApiKey();
        hub.instance(ProjectStore.class).create("Health", ApiKeys.hash(apiKey));
        endpointId = WebhookTestKit.addEndpoint(api, apiKey, receiver.url()).json().path("id").asText();
    }

    @AfterEach
    void closeReceiver() {
        postmark.http().faults().clear();
        api.delete("/v1/webhooks/" + endpointId, apiKey);
        receiver.close();
    }

    static RecheckPass passAhead() {
        // after a check the next one is an interval (give or take a tenth) away: two intervals cover it
        return scheduler.runOnce(Instant.now().plus(scheduler.settings().interval().multipliedBy(2)));
    }

    /**
     * Renames the account and waits for that update at the receiver: events of an account arrive
     * in order, so every earlier event of it has arrived too. Returns the account's event types.
     */
    List<String> eventsUpToASentinel(String accountId) {
        assertThat(api.patch("/v1/accounts/" + accountId, apiKey, Map.of("label", "sentinel"), Map.of()).status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> receiver.acceptedTypes(accountId).contains("account.updated"));
        return receiver.acceptedTypes(accountId);
    }

    @Test
    void aRevokedTokenTurnsTheAccountInvalidOnTheNextRecheckWithExactlyOneEvent() {
        FakePostmark.Server server = postmark.addServer("Revoked");
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-revoked", server.serverToken());
        Instant linkedVerifiedAt = Instant.parse(api.get("/v1/accounts/" + accountId, apiKey).json()
                .path("last_verified_at").asText());
        postmark.revoke(server.serverToken());

        RecheckPass first = passAhead();
        assertThat(first.rejected()).contains(accountId);
        JsonNode account = api.get("/v1/accounts/" + accountId, apiKey).json();
        assertThat(account.path("status").asText()).isEqualTo("invalid");
        assertThat(account.path("status_reasons")).isNotEmpty();
        assertThat(account.path("status_reasons").get(0).path("code").asText()).isNotBlank();
        assertThat(Instant.parse(account.path("last_verified_at").asText())).isAfter(linkedVerifiedAt);

        // still revoked on the pass after: no second status event
        assertThat(passAhead().rejected()).contains(accountId);

        assertThat(eventsUpToASentinel(accountId))
                .containsExactly("account.created", "account.status_changed", "account.updated");
        JsonNode data = receiver.accepted().stream().filter(r -> r.type().equals("account.status_changed"))
                .findFirst().orElseThrow().json().path("data");
        assertThat(data.path("previous_status").asText()).isEqualTo("active");
        assertThat(data.path("status").asText()).isEqualTo("invalid");
        assertThat(data.path("reasons").get(0).path("code").asText())
                .isEqualTo(account.path("status_reasons").get(0).path("code").asText());
    }

    @Test
    void anOutageDuringARecheckKeepsTheAccountActiveAndSendsNoStatusEvent() {
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-outage",
                postmark.addServer("Outage").serverToken());
        postmark.http().faults().add(Fault.status(503));

        RecheckPass pass = passAhead();
        postmark.http().faults().clear();

        assertThat(pass.unavailable()).contains(accountId);
        JsonNode account = api.get("/v1/accounts/" + accountId, apiKey).json();
        assertThat(account.path("status").asText()).isEqualTo("active");
        List<String> reasons = new ArrayList<>();
        account.path("status_reasons").forEach(reason -> reasons.add(reason.path("code").asText()));
        assertThat(reasons).as("the attempt is recorded").contains("provider_unavailable");
        assertThat(eventsUpToASentinel(accountId)).containsExactly("account.created", "account.updated");
    }

    @Test
    void aLaterSuccessRestoresTheAccountAndSaysSo() {
        String accountId = WebhookTestKit.linkAccount(api, apiKey, "owner-restored",
                postmark.addServer("Restored").serverToken());
        postmark.http().faults().add("GET", "/server", Fault.status(401, "application/json",
                "{\"ErrorCode\":10,\"Message\":\"Bad or missing Server API token.\"}").times(1));

        assertThat(passAhead().rejected()).contains(accountId);
        assertThat(api.get("/v1/accounts/" + accountId, apiKey).json().path("status").asText()).isEqualTo("invalid");
        assertThat(passAhead().verified()).contains(accountId);
        JsonNode account = api.get("/v1/accounts/" + accountId, apiKey).json();
        assertThat(account.path("status").asText()).isEqualTo("active");
        assertThat(account.path("status_reasons")).isEmpty();

        assertThat(eventsUpToASentinel(accountId)).containsExactly("account.created", "account.status_changed",
                "account.status_changed", "account.updated");
        List<String> transitions = receiver.accepted().stream()
                .filter(r -> r.type().equals("account.status_changed"))
                .map(r -> r.json().path("data").path("previous_status").asText() + ">"
                        + r.json().path("data").path("status").asText())
                .toList();
        assertThat(transitions).containsExactly("active>invalid", "invalid>active");
    }

    @Test
    void testModeAccountsAreNotRechecked() {
        Response linked = api.post("/v1/accounts", apiKey, WebhookTestKit.link("owner-test-mode", FakePostmark.TEST_TOKEN));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        assertThat(linked.json().path("mode").asText()).isEqualTo("test");
        String accountId = linked.json().path("id").asText();

        RecheckPass pass = passAhead();

        assertThat(pass.verified()).doesNotContain(accountId);
        assertThat(pass.rejected()).doesNotContain(accountId);
        assertThat(pass.unavailable()).doesNotContain(accountId);
        assertThat(api.get("/v1/accounts/" + accountId, apiKey).json().path("last_verified_at").asText())
                .isEqualTo(linked.json().path("last_verified_at").asText());
    }

    @Test
    void firstChecksAreSpreadAcrossTheIntervalAndAnAccountIsCheckedOncePerPass() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(WebhookTestKit.linkAccount(api, apiKey, "owner-spread-" + i,
                    postmark.addServer("Spread " + i).serverToken()));
        }
        Instant before = Instant.now();
        // a pass due now enrolls the new accounts without checking them (their first check is later)
        RecheckPass now = scheduler.runOnce(before.minus(Duration.ofDays(365)));
        assertThat(now.checked()).isZero();

        List<Instant> firstChecks = new ArrayList<>();
        try (Connection connection = hub.instance(DataSource.class).getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT next_check_at FROM account_health WHERE account_id = ?")) {
            for (String id : ids) {
                statement.setString(1, id);
                try (ResultSet row = statement.executeQuery()) {
                    assertThat(row.next()).as("enrolled " + id).isTrue();
                    firstChecks.add(row.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
        }
        Duration interval = scheduler.settings().interval();
        assertThat(firstChecks).allSatisfy(at -> assertThat(at)
                .isAfterOrEqualTo(before.minusSeconds(1)).isBefore(Instant.now().plus(interval)));
        assertThat(firstChecks.stream().distinct().count()).as("spread, not all at once").isGreaterThan(6);

        RecheckPass pass = passAhead();
        assertThat(pass.verified()).containsAll(ids);
        assertThat(pass.verified()).doesNotHaveDuplicates();
    }
}
