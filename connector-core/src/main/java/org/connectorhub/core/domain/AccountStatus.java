package org.connectorhub.core.domain;

import java.util.Locale;

/**
 * {@code ACTIVE}: last verification passed. {@code INVALID}: the provider rejected the
 * credentials. {@code ERROR}: something on our side keeps the account from working. A provider
 * outage never changes the status.
 */
public enum AccountStatus {
    ACTIVE, INVALID, ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
