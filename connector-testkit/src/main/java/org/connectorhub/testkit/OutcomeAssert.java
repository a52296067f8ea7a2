package org.connectorhub.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.domain.VerificationOutcome.Rejected;
import org.connectorhub.core.domain.VerificationOutcome.Unavailable;
import org.connectorhub.core.domain.VerificationOutcome.Verified;

/**
 * Assertions on a {@link VerificationOutcome}. {@code with...} methods refine the last kind
 * asserted: after {@link #isRejectedOn(String)} they look at that field's error, after
 * {@link #isUnavailable()} at the outage.
 */
public final class OutcomeAssert extends AbstractAssert<OutcomeAssert, VerificationOutcome> {
    private FieldError fieldError;

    OutcomeAssert(VerificationOutcome actual) {
        super(actual, OutcomeAssert.class);
    }

    public OutcomeAssert isVerified() {
        isNotNull();
        if (!(actual instanceof Verified)) {
            failWithMessage("Expected the credentials to be verified but the outcome was %s", actual);
        }
        return this;
    }

    /** Verified with exactly these scopes. */
    public OutcomeAssert isVerifiedWithScopes(String... scopes) {
        isVerified();
        Set<String> expected = Set.copyOf(Arrays.asList(scopes));
        Set<String> granted = ((Verified) actual).scopes();
        if (!granted.equals(expected)) {
            failWithMessage("Expected the scopes %s but the provider granted %s", expected, granted);
        }
        return this;
    }

    public OutcomeAssert inMode(Mode mode) {
        isVerified();
        if (((Verified) actual).mode() != mode) {
            failWithMessage("Expected mode %s but was %s", mode, ((Verified) actual).mode());
        }
        return this;
    }

    public OutcomeAssert withWarningContaining(String text) {
        isVerified();
        if (((Verified) actual).warnings().stream().noneMatch(w -> w.contains(text))) {
            failWithMessage("Expected a warning containing '%s' but the warnings were %s", text,
                    ((Verified) actual).warnings());
        }
        return this;
    }

    public OutcomeAssert isRejected() {
        isNotNull();
        if (!(actual instanceof Rejected rejected)) {
            failWithMessage("Expected a rejection but the outcome was %s", actual);
            return this;
        }
        fieldError = rejected.errors().get(0);
        return this;
    }

    /** Rejected, and one of the errors names this field; later {@code with...} look at that error. */
    public OutcomeAssert isRejectedOn(String field) {
        isRejected();
        fieldError = ((Rejected) actual).errors().stream().filter(e -> e.field().equals(field)).findFirst()
                .orElse(null);
        if (fieldError == null) {
            failWithMessage("Expected a rejection on field '%s' but the rejected fields were %s", field,
                    ((Rejected) actual).errors().stream().map(FieldError::field).toList());
        }
        return this;
    }

    public OutcomeAssert withHintContaining(String text) {
        requireFieldError("withHintContaining");
        if (!fieldError.hint().contains(text)) {
            failWithMessage("Expected the hint on '%s' to contain '%s' but it was '%s'", fieldError.field(), text,
                    fieldError.hint());
        }
        return this;
    }

    public OutcomeAssert withCode(String code) {
        requireFieldError("withCode");
        if (!fieldError.code().equals(code)) {
            failWithMessage("Expected the code on '%s' to be '%s' but it was '%s'", fieldError.field(), code,
                    fieldError.code());
        }
        return this;
    }

    /** After a rejection: the field error's message; after an outage: its reason. */
    public OutcomeAssert withMessageContaining(String text) {
        isNotNull();
        if (actual instanceof Unavailable unavailable) {
            if (!unavailable.reason().contains(text)) {
                failWithMessage("Expected the outage reason to contain '%s' but it was '%s'", text, unavailable.reason());
            }
            return this;
        }
        requireFieldError("withMessageContaining");
        if (!fieldError.message().contains(text)) {
            failWithMessage("Expected the message on '%s' to contain '%s' but it was '%s'", fieldError.field(), text,
                    fieldError.message());
        }
        return this;
    }

    public OutcomeAssert isUnavailable() {
        isNotNull();
        if (!(actual instanceof Unavailable)) {
            failWithMessage("Expected the provider to be reported unavailable (an outage is never a rejection) "
                    + "but the outcome was %s", actual);
        }
        return this;
    }

    public OutcomeAssert withRetryAfter(Duration retryAfter) {
        isUnavailable();
        Unavailable unavailable = (Unavailable) actual;
        if (!unavailable.retryAfter().equals(java.util.Optional.of(retryAfter))) {
            failWithMessage("Expected Retry-After %s but it was %s", retryAfter, unavailable.retryAfter());
        }
        return this;
    }

    public OutcomeAssert withoutRetryAfter() {
        isUnavailable();
        if (((Unavailable) actual).retryAfter().isPresent()) {
            failWithMessage("Expected no Retry-After but it was %s", ((Unavailable) actual).retryAfter().get());
        }
        return this;
    }

    /** Anything but a rejection: the one outcome an outage must never produce. */
    public OutcomeAssert isNotRejected() {
        isNotNull();
        if (actual instanceof Rejected) {
            failWithMessage("Expected no rejection but the outcome was %s", actual);
        }
        return this;
    }

    private void requireFieldError(String method) {
        isNotNull();
        if (fieldError == null) {
            failWithMessage("%s needs isRejected() or isRejectedOn(field) first; the outcome was %s", method, actual);
        }
    }
}
