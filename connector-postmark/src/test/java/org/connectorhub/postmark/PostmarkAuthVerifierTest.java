package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.connectorhub.postmark.PostmarkFakeSupport.UNKNOWN_TOKEN;
import static org.connectorhub.postmark.PostmarkFakeSupport.both;
import static org.connectorhub.postmark.PostmarkFakeSupport.server;

import java.time.Duration;
import java.util.stream.Stream;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.domain.VerificationOutcome.Rejected;
import org.connectorhub.core.domain.VerificationOutcome.Unavailable;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.connectorhub.core.spi.AuthVerifier;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.connectorhub.testkit.postmark.FakePostmark.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every verification outcome, against a fake Postmark over HTTP on loopback. */
class PostmarkAuthVerifierTest {
    private FakePostmark fake;
    private Connector connector;
    private AuthVerifier verifier;
    private Server live;
    private String accountToken;

    @BeforeEach
    void start() {
        fake = FakePostmark.start();
        connector = PostmarkFakeSupport.connector(fake);
        verifier = connector.verifier();
        live = fake.addServer("Main server");
        accountToken = fake.addAccountToken();
    }

    @AfterEach
    void stop() {
        connector.close();
        fake.close();
    }

    private static Rejected rejected(VerificationOutcome outcome) {
        assertThat(outcome).isInstanceOf(Rejected.class);
        return (Rejected) outcome;
    }

    private static Unavailable unavailable(VerificationOutcome outcome) {
        assertThat(outcome).isInstanceOf(Unavailable.class);
        return (Unavailable) outcome;
    }

    private static Verified verified(VerificationOutcome outcome) {
        assertThat(outcome).isInstanceOf(Verified.class);
        return (Verified) outcome;
    }

    @Test
    void a_valid_server_token_is_verified_with_the_server_as_provider_account() {
        Verified v = verified(verifier.verify(server(live.serverToken())));
        assertThat(v.scopes()).containsExactly("server");
        assertThat(v.account()).isEqualTo(new ProviderAccount(String.valueOf(live.id()), "Main server"));
        assertThat(v.mode()).isEqualTo(Mode.PRODUCTION);
        assertThat(v.warnings()).isEmpty();
        assertThat(fake.http().requests("GET", "/server")).hasSize(1);
        assertThat(fake.http().requests("GET", "/server").get(0).header("X-Postmark-Server-Token"))
                .contains(live.serverToken());
        assertThat(fake.http().requests("GET", "/server").get(0).header("Accept")).contains("application/json");
    }

    @Test
    void a_sandbox_server_is_verified_with_a_warning() {
        Server sandbox = fake.addServer("Staging", "Sandbox");
        Verified v = verified(verifier.verify(server(sandbox.serverToken())));
        assertThat(v.warnings()).singleElement().asString().contains("Sandbox");
    }

    @Test
    void both_tokens_valid_grant_both_scopes() {
        Verified v = verified(verifier.verify(both(live.serverToken(), accountToken)));
        assertThat(v.scopes()).containsExactlyInAnyOrder("server", "account");
        assertThat(fake.http().requests("GET", "/servers")).singleElement().satisfies(r -> {
            assertThat(r.header("X-Postmark-Account-Token")).contains(accountToken);
            assertThat(r.queryParam("count")).contains("1");
            assertThat(r.queryParam("offset")).contains("0");
        });
    }

    @Test
    void an_unknown_server_token_is_rejected_on_its_field() {
        Rejected r = rejected(verifier.verify(server(UNKNOWN_TOKEN)));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("server_token");
            assertThat(e.code()).isEqualTo("rejected");
            assertThat(e.message()).contains("Server API Token");
        });
    }

    @Test
    void a_revoked_server_token_is_rejected() {
        fake.revoke(live.serverToken());
        assertThat(rejected(verifier.verify(server(live.serverToken()))).errors())
                .extracting(FieldError::field).containsExactly("server_token");
    }

    @Test
    void an_account_token_pasted_as_server_token_is_rejected_with_a_hint_naming_the_right_field() {
        Rejected r = rejected(verifier.verify(server(accountToken)));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("server_token");
            assertThat(e.hint()).isEqualTo("This is an Account API Token; paste it under Account API Token. "
                    + "The Server API Token is on your server's API Tokens tab.");
        });
    }

    @Test
    void a_server_token_pasted_as_account_token_is_rejected_with_the_reverse_hint() {
        Server other = fake.addServer("Other");
        Rejected r = rejected(verifier.verify(both(live.serverToken(), other.serverToken())));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("account_token");
            assertThat(e.hint()).contains("This is a Server API Token").contains("Account > API Tokens");
            assertThat(e.message()).contains("Server API Token is fine");
        });
    }

    @Test
    void both_tokens_swapped_get_both_hints() {
        Rejected r = rejected(verifier.verify(both(accountToken, live.serverToken())));
        assertThat(r.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("server_token", "account_token");
        assertThat(r.errors()).allSatisfy(e -> assertThat(e.code()).isEqualTo("wrong_token_type"));
    }

    @Test
    void a_bad_account_token_beside_a_good_server_token_is_rejected_on_account_token_only() {
        Rejected r = rejected(verifier.verify(both(live.serverToken(), UNKNOWN_TOKEN)));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("account_token");
            assertThat(e.code()).isEqualTo("rejected");
            assertThat(e.message()).contains("Server API Token is fine");
        });
    }

    @Test
    void the_test_token_is_verified_in_test_mode_without_asking_for_the_server() {
        Verified v = verified(verifier.verify(server("POSTMARK_API_TEST")));
        assertThat(v.mode()).isEqualTo(Mode.TEST);
        assertThat(v.account()).isEqualTo(new ProviderAccount("test", "Postmark test token"));
        assertThat(v.scopes()).containsExactly("server");
        assertThat(fake.http().requests("GET", "/server")).isEmpty();
        assertThat(fake.http().requests()).isEmpty();
    }

    @Test
    void an_account_token_beside_the_test_token_is_verified_for_real() {
        Verified v = verified(verifier.verify(both("POSTMARK_API_TEST", accountToken)));
        assertThat(v.mode()).isEqualTo(Mode.TEST);
        assertThat(v.scopes()).containsExactlyInAnyOrder("server", "account");
        assertThat(fake.http().requests("GET", "/servers")).hasSize(1);
        assertThat(fake.http().requests("GET", "/server")).isEmpty();
    }

    @Test
    void a_bad_account_token_beside_the_test_token_is_rejected() {
        assertThat(rejected(verifier.verify(both("POSTMARK_API_TEST", UNKNOWN_TOKEN))).errors())
                .extracting(FieldError::field).containsExactly("account_token");
    }

    static Stream<Arguments> outages() {
        return Stream.of(
                Arguments.of("500", Fault.status(500)),
                Arguments.of("502", Fault.status(502)),
                Arguments.of("503", Fault.status(503)),
                Arguments.of("503 with long Retry-After", Fault.unavailable(Duration.ofSeconds(120))),
                Arguments.of("429 with long Retry-After", Fault.rateLimited(Duration.ofSeconds(120))),
                Arguments.of("429 without Retry-After", Fault.rateLimitedWithoutRetryAfter()),
                Arguments.of("dropped connection", Fault.dropConnection()),
                Arguments.of("malformed body", Fault.malformedBody()),
                Arguments.of("HTML error page", Fault.htmlErrorPage(502)),
                Arguments.of("HTML 401 page (not Postmark)", Fault.htmlErrorPage(401)),
                Arguments.of("unexpected 200 body", Fault.unexpectedBody("{\"Hello\":\"world\"}")),
                Arguments.of("unexpected 200 array", Fault.unexpectedBody("[1,2,3]")));
    }

    @ParameterizedTest(name = "{0} on GET /server is Unavailable, never Rejected")
    @MethodSource("outages")
    void outages_of_the_server_check_are_unavailable(String name, Fault fault) {
        fake.http().faults().add("GET", "/server", fault);
        Unavailable u = unavailable(verifier.verify(server(live.serverToken())));
        assertThat(u.reason()).isNotBlank().doesNotContain(live.serverToken());
    }

    @ParameterizedTest(name = "{0} on GET /servers is Unavailable, never Rejected")
    @MethodSource("outages")
    void outages_of_the_account_check_are_unavailable(String name, Fault fault) {
        fake.http().faults().add("GET", "/servers", fault);
        assertThat(verifier.verify(both(live.serverToken(), accountToken))).isInstanceOf(Unavailable.class);
    }

    @Test
    void a_read_timeout_on_the_server_check_is_unavailable() {
        Connector shortTimeout = PostmarkFakeSupport.withShortReadTimeout(fake);
        try {
            fake.http().faults().add("GET", "/server", Fault.delay(PostmarkFakeSupport.SLOW));
            assertThat(shortTimeout.verifier().verify(server(live.serverToken()))).isInstanceOf(Unavailable.class);
        } finally {
            shortTimeout.close();
        }
    }

    @Test
    void a_read_timeout_on_the_account_check_is_unavailable() {
        Connector shortTimeout = PostmarkFakeSupport.withShortReadTimeout(fake);
        try {
            fake.http().faults().add("GET", "/servers", Fault.delay(PostmarkFakeSupport.SLOW));
            assertThat(shortTimeout.verifier().verify(both(live.serverToken(), accountToken)))
                    .isInstanceOf(Unavailable.class);
        } finally {
            shortTimeout.close();
        }
    }

    @Test
    void retry_after_is_passed_on_when_postmark_asks_for_a_longer_wait_than_we_allow() {
        fake.http().faults().add("GET", "/server", Fault.unavailable(Duration.ofSeconds(120)));
        assertThat(unavailable(verifier.verify(server(live.serverToken()))).retryAfter())
                .contains(Duration.ofSeconds(120));
        assertThat(fake.http().requests("GET", "/server")).hasSize(1);
    }

    @Test
    void a_429_retry_after_is_passed_on() {
        fake.http().faults().add("GET", "/server", Fault.rateLimited(Duration.ofSeconds(60)));
        assertThat(unavailable(verifier.verify(server(live.serverToken()))).retryAfter())
                .contains(Duration.ofSeconds(60));
    }

    @Test
    void a_get_is_retried_and_succeeds_after_one_503() {
        fake.http().faults().add("GET", "/server", Fault.status(503).times(1));
        assertThat(verifier.verify(server(live.serverToken()))).isInstanceOf(Verified.class);
        assertThat(fake.http().requests("GET", "/server")).hasSize(2);
    }

    @Test
    void a_get_is_retried_after_a_read_timeout() {
        // A 1 s timeout, not 300 ms: the second, undelayed attempt must get through on a loaded machine.
        Connector oneSecond = PostmarkFakeSupport.connector(fake, ConnectorConfig.READ_TIMEOUT_MS, "1000");
        try {
            fake.http().faults().add("GET", "/server", Fault.delay(Duration.ofMillis(2500)).times(1));
            assertThat(oneSecond.verifier().verify(server(live.serverToken()))).isInstanceOf(Verified.class);
            assertThat(fake.http().requests("GET", "/server")).hasSize(2);
        } finally {
            oneSecond.close();
        }
    }

    @Test
    void a_get_is_retried_after_a_dropped_connection() {
        fake.http().faults().add("GET", "/server", Fault.dropConnection().times(1));
        assertThat(verifier.verify(server(live.serverToken()))).isInstanceOf(Verified.class);
        assertThat(fake.http().requests("GET", "/server")).hasSize(2);
    }

    @Test
    void a_persistent_outage_is_tried_max_attempts_times() {
        fake.http().faults().add("GET", "/server", Fault.status(500));
        assertThat(verifier.verify(server(live.serverToken()))).isInstanceOf(Unavailable.class);
        assertThat(fake.http().requests("GET", "/server")).hasSize(3);
    }

    @Test
    void with_one_attempt_nothing_is_retried() {
        try (FakePostmark other = FakePostmark.start()) {
            Server s = other.addServer("One");
            Connector once = PostmarkFakeSupport.connector(other, ConnectorConfig.MAX_ATTEMPTS, "1");
            other.http().faults().add("GET", "/server", Fault.status(503));
            assertThat(once.verifier().verify(server(s.serverToken()))).isInstanceOf(Unavailable.class);
            assertThat(other.http().requests("GET", "/server")).hasSize(1);
            once.close();
        }
    }

    @Test
    void a_closed_port_is_unavailable() {
        Connector nowhere = new PostmarkConnectorFactory().create(new ConnectorConfig(java.util.Map.of(
                ConnectorConfig.BASE_URL, "http://127.0.0.1:9", ConnectorConfig.MAX_ATTEMPTS, "1")));
        assertThat(nowhere.verifier().verify(server(live.serverToken()))).isInstanceOf(Unavailable.class);
        nowhere.close();
    }
}
