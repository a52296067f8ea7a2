package org.connectorhub.testkit;

import org.connectorhub.core.domain.VerificationOutcome;

/**
 * AssertJ entry points for Connector Hub types. Import them statically beside AssertJ's own:
 *
 * <pre>{@code
 * assertThat(outcome).isRejectedOn("server_token").withHintContaining("Account API Token");
 * assertThatText(logs.text()).containsNoSecretOf(credentials);
 * }</pre>
 *
 * <p>The text entry point has its own name so it does not clash with AssertJ's
 * {@code assertThat(String)}.
 */
public final class ConnectorAssertions {
    private ConnectorAssertions() {
    }

    public static OutcomeAssert assertThat(VerificationOutcome actual) {
        return new OutcomeAssert(actual);
    }

    /** For any text that must not carry a credential value: a log, a message, a response body. */
    public static SecretsAssert assertThatText(String actual) {
        return new SecretsAssert(actual);
    }

    /** For any object whose {@code toString()} must not carry a credential value. */
    public static SecretsAssert assertThatPrinted(Object actual) {
        return new SecretsAssert(String.valueOf(actual));
    }

    /** For a failure: the messages and {@code toString()} of it, its causes and suppressed ones. */
    public static SecretsAssert assertThatFailure(Throwable actual) {
        return new SecretsAssert(Secrets.describe(actual));
    }
}
