package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider said of a set of credentials. Expected results are values, never exceptions,
 * and an outage ({@link Unavailable}) is never a {@link Rejected}.
 */
public sealed interface VerificationOutcome {

    /** The provider accepted the credentials. */
    record Verified(Set<String> scopes, ProviderAccount account, Mode mode, List<String> warnings)
            implements VerificationOutcome {
        public Verified {
            scopes = Set.copyOf(requireNonNull(scopes, "scopes is null"));
            requireNonNull(account, "account is null");
            requireNonNull(mode, "mode is null");
            warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        }
    }

    /** The provider said no, field by field. */
    record Rejected(List<FieldError> errors) implements VerificationOutcome {
        public Rejected {
            errors = List.copyOf(requireNonNull(errors, "errors is null"));
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a rejection names at least one field");
            }
        }

        public static Rejected of(FieldError... errors) {
            return new Rejected(List.of(errors));
        }
    }

    /** The provider could not answer: timeout, 5xx, 429, a body we cannot read. */
    record Unavailable(String reason, Optional<Duration> retryAfter) implements VerificationOutcome {
        public Unavailable {
            requireNonNull(reason, "reason is null");
            requireNonNull(retryAfter, "retryAfter is null");
        }

        public static Unavailable of(String reason) {
            return new Unavailable(reason, Optional.empty());
        }
    }
}
