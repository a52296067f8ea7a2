package org.connectorhub.core.domain;

import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/** One field the end user fills in to link an account, in the order the schema lists them. */
@Value.Immutable
public abstract class CredentialField {
    /** Stable key, e.g. {@code server_token}. */
    public abstract String key();

    /** What the user sees, e.g. "Server API Token". */
    public abstract String label();

    public abstract String description();

    /** Where to find the value at the provider. */
    public abstract String help();

    @Value.Default
    public String placeholder() {
        return "";
    }

    @Value.Default
    public boolean secret() {
        return true;
    }

    @Value.Default
    public boolean required() {
        return true;
    }

    /** A regular expression the whole (trimmed) value must match. */
    public abstract Optional<String> pattern();

    /** Said when the pattern does not match; says what a valid value looks like. */
    @Value.Default
    public String patternMessage() {
        return "This does not look like a valid " + label() + ".";
    }

    /** The scope this field unlocks, if any. */
    public abstract Optional<String> scope();

    /** For optional fields: what the field is needed for, shown beside it. */
    @Value.Default
    public String unlocks() {
        return "";
    }

    @Value.Check
    protected void check() {
        if (!key().matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("field key must be snake_case: " + key());
        }
        pattern().ifPresent(Pattern::compile);
    }

    @Value.Lazy
    protected Optional<Pattern> compiledPattern() {
        return pattern().map(Pattern::compile);
    }

    public boolean accepts(String value) {
        return compiledPattern().map(p -> p.matcher(value).matches()).orElse(true);
    }

    public static ImmutableCredentialField.Builder builder() {
        return ImmutableCredentialField.builder();
    }
}
