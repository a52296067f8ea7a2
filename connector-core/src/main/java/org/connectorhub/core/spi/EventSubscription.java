package org.connectorhub.core.spi;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * What the hub wants an account's provider to send: to {@code callback} with HTTP Basic
 * {@code username}/{@code password} (random per account), for these {@code triggers} on these
 * {@code streams}, and inbound email when {@code inbound}. {@link #toString()} hides the password.
 */
public record EventSubscription(URI callback, String username, String password, Set<String> triggers, boolean inbound,
        List<String> streams) {
    public EventSubscription {
        requireNonNull(callback, "callback is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        triggers = Set.copyOf(requireNonNull(triggers, "triggers is null"));
        streams = List.copyOf(requireNonNull(streams, "streams is null"));
    }

    @Override
    public String toString() {
        return "EventSubscription[" + callback + ", triggers=" + triggers + ", inbound=" + inbound + ", streams=" + streams
                + "]";
    }
}
