package org.connectorhub.core.domain;

import java.util.Locale;

/**
 * {@code ACTIVE}: last verification passed. {@code INVALID}: the provider rejected the
 * credentials. {@code ERROR}: something on our side keeps the account from working.
 * {@code SUSPENDED}: an operator stopped it; it runs nothing until resumed (who, when and why are
 * in its status reasons). A provider outage never changes the status.
 */
public enum AccountStatus {
    ACTIVE, INVALID, ERROR, SUSPENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code active, invalid, error, suspended}: for messages listing the valid values. */
    public static String wireNames() {
        return String.join(", ", java.util.Arrays.stream(values()).map(AccountStatus::wireName).toList());
    }

    public static AccountStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
