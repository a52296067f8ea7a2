package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

/**
 * A call broke a rule its caller is bound by (an agent token's policy): nothing was called.
 * The message names the rule and says what would pass; it never holds a token.
 */
public final class PolicyDeniedException extends ConnectorHubException {
    private final String rule;

    public PolicyDeniedException(String rule, String message) {
        super("policy_denied", message);
        this.rule = requireNonNull(rule, "rule is null");
    }

    /** The rule broken, e.g. {@code max_recipients_per_day}. */
    public String rule() {
        return rule;
    }
}
