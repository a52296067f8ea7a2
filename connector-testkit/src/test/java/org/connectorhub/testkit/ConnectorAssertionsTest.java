package org.connectorhub.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.connectorhub.testkit.ConnectorAssertions.assertThat;
import static org.connectorhub.testkit.ConnectorAssertions.assertThatFailure;
import static org.connectorhub.testkit.ConnectorAssertions.assertThatPrinted;
import static org.connectorhub.testkit.ConnectorAssertions.assertThatText;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.domain.VerificationOutcome.Rejected;
import org.connectorhub.core.domain.VerificationOutcome.Unavailable;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.junit.jupiter.api.Test;

class ConnectorAssertionsTest {
    private static final String TOKEN = "9d1c5a0e-3f4b-4a5c-8e7d-2b1a0c9f8e7d";
    private static final Credentials CREDENTIALS = Credentials.of("server_token", TOKEN);
    private static final VerificationOutcome VERIFIED = new Verified(Set.of("server", "account"),
            new ProviderAccount("42", "Main"), Mode.TEST, List.of("This server is a sandbox."));
    private static final VerificationOutcome REJECTED = Rejected.of(new FieldError("server_token", "swapped_token",
            "This is an Account API Token.", "Paste it under Account API Token."));
    private static final VerificationOutcome UNAVAILABLE = new Unavailable("Postmark answered 429.",
            Optional.of(Duration.ofSeconds(30)));

    @Test
    void verifiedPassesItsChecks() {
        assertThatCode(() -> assertThat(VERIFIED).isVerified().isVerifiedWithScopes("account", "server").inMode(Mode.TEST)
                .withWarningContaining("sandbox").isNotRejected()).doesNotThrowAnyException();
    }

    @Test
    void verifiedFailsOnOtherScopesOrKinds() {
        assertThatThrownBy(() -> assertThat(VERIFIED).isVerifiedWithScopes("server"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("[server]");
        assertThatThrownBy(() -> assertThat(VERIFIED).isRejectedOn("server_token"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected a rejection");
        assertThatThrownBy(() -> assertThat(VERIFIED).isUnavailable())
                .isInstanceOf(AssertionError.class).hasMessageContaining("unavailable");
    }

    @Test
    void rejectedOnAFieldChecksThatFieldsHintMessageAndCode() {
        assertThatCode(() -> assertThat(REJECTED).isRejectedOn("server_token").withCode("swapped_token")
                .withHintContaining("Account API Token").withMessageContaining("Account API Token"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(REJECTED).isRejectedOn("account_token"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("[server_token]");
        assertThatThrownBy(() -> assertThat(REJECTED).isRejectedOn("server_token").withHintContaining("Server API Token"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Paste it under Account API Token.");
        assertThatThrownBy(() -> assertThat(REJECTED).isNotRejected()).isInstanceOf(AssertionError.class);
    }

    @Test
    void unavailableChecksRetryAfterAndReason() {
        assertThatCode(() -> assertThat(UNAVAILABLE).isUnavailable().withRetryAfter(Duration.ofSeconds(30))
                .withMessageContaining("429").isNotRejected()).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(UNAVAILABLE).withRetryAfter(Duration.ofSeconds(5)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("PT30S");
        assertThatThrownBy(() -> assertThat(UNAVAILABLE).withoutRetryAfter()).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(UNAVAILABLE).withHintContaining("x"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("isRejected");
    }

    @Test
    void textWithoutTheValuePasses() {
        assertThatCode(() -> assertThatText("verified server_token=**** for server 42").containsNoSecretOf(CREDENTIALS))
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThatPrinted(CREDENTIALS).containsNoSecretOf(CREDENTIALS)).doesNotThrowAnyException();
    }

    /** The failure names the field and masks the value, so a report never prints the secret either. */
    @Test
    void textWithTheValueFailsWithoutPrintingIt() {
        assertThatThrownBy(() -> assertThatText("calling with X-Postmark-Server-Token: " + TOKEN)
                .containsNoSecretOf(CREDENTIALS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'server_token'")
                .hasMessageContaining("****server_token****")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aFailureLeaksThroughItsCauseToo() {
        RuntimeException failure = new IllegalStateException("call failed", new RuntimeException("token " + TOKEN));

        assertThatThrownBy(() -> assertThatFailure(failure).containsNoSecretOf(CREDENTIALS))
                .isInstanceOf(AssertionError.class).hasMessageNotContaining(TOKEN);
    }

    @Test
    void veryShortValuesAreNotSearchedFor() {
        assertThatCode(() -> assertThatText("a b c").containsNoSecretOf(Credentials.of("pin", "a")))
                .doesNotThrowAnyException();
    }
}
