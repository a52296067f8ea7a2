package org.connectorhub.core.domain;

import java.util.Locale;

/** Whether a linked account reaches the provider for real or only its test facility. */
public enum Mode {
    PRODUCTION, TEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
