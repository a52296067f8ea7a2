package org.connectorhub.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final String SECRET = "whsec_test-secret";
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"account.created\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String EXPECTED_HMAC = "80b42dac3da95f0e6efa0042ecc58b0c697e93163bc8315a556f4efea515f1b9";

    @Test
    void aSignatureIsAnHmacOfTheTimestampAndTheBody() {
        // HMAC-SHA256("whsec_test-secret", "1700000000.{}") computed independently (openssl dgst -sha256 -hmac)
        assertThat(WebhookSignature.sign(SECRET, 1_700_000_000L, "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,v1=" + EXPECTED_HMAC);
    }

    @Test
    void verifiesWhatItSigned() {
        String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, TOLERANCE, NOW)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, TOLERANCE, NOW.plus(TOLERANCE))).isTrue();
    }

    @Test
    void refusesAnotherSecretAnAlteredBodyOrAnotherTimestamp() {
        String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
        assertThat(WebhookSignature.verify("whsec_other", header, BODY, TOLERANCE, NOW)).isFalse();
        byte[] altered = "{\"id\":\"evt_1\",\"type\":\"account.deleted\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify(SECRET, header, altered, TOLERANCE, NOW)).isFalse();
        String movedTimestamp = header.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 1));
        assertThat(WebhookSignature.verify(SECRET, movedTimestamp, BODY, TOLERANCE, NOW)).isFalse();
    }

    @Test
    void refusesASignatureOutsideTheToleranceEitherWay() {
        String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, TOLERANCE, NOW.plus(TOLERANCE).plusSeconds(1))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, TOLERANCE, NOW.minus(TOLERANCE).minusSeconds(1))).isFalse();
    }

    @Test
    void malformedHeadersAreFalseNotExceptions() {
        for (String header : new String[] {null, "", "garbage", "t=abc,v1=00", "t=1700000000", "v1=00", ",,,", "t=,v1="}) {
            assertThat(WebhookSignature.verify(SECRET, header, BODY, TOLERANCE, NOW)).as(String.valueOf(header)).isFalse();
        }
    }

    @Test
    void anyOfSeveralSignaturesMayMatch() {
        String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
        String rotated = header.replace(",v1=", ",v1=" + "0".repeat(64) + ",v1=");
        assertThat(WebhookSignature.verify(SECRET, rotated, BODY, TOLERANCE, NOW)).isTrue();
    }
}
