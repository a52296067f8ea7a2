package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The account is suspended: it runs nothing until resumed. Carries the operator's reason, if any. */
public final class AccountSuspendedException extends ConnectorHubException {
    public static final String CODE = "account_suspended";

    private final transient Optional<String> reason;

    public AccountSuspendedException(String accountId, Optional<String> reason) {
        super(CODE, "Account " + accountId + " is suspended" + requireNonNull(reason, "reason is null")
                .map(r -> ": " + r).orElse(".") + " Resume it to run actions again.");
        this.reason = reason;
    }

    public Optional<String> reason() {
        return reason;
    }
}
