package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who one message of a sending action goes from and to, in a provider-neutral form: bare
 * addresses ({@code a@example.com}), To, Cc and Bcc together. Policies on sending (allowed
 * domains, senders, recipients per day) read this and nothing of the provider's input.
 */
public record MessageFields(Optional<String> from, List<String> recipients) {
    public MessageFields {
        requireNonNull(from, "from is null");
        recipients = List.copyOf(requireNonNull(recipients, "recipients is null"));
    }

    /**
     * The bare address of {@code "Name <a@example.com>"} or {@code a@example.com}, lower-cased;
     * empty when there is none.
     */
    public static Optional<String> address(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        int open = text.lastIndexOf('<');
        int close = text.lastIndexOf('>');
        if (open >= 0 && close > open) {
            text = text.substring(open + 1, close).strip();
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text.toLowerCase(Locale.ROOT));
    }

    /**
     * The bare addresses of a comma-separated list such as {@code "A <a@x.com>, \"Doe, J\" <j@y.com>"}:
     * commas inside quotes or angle brackets do not split.
     */
    public static List<String> addresses(Object commaSeparated) {
        if (!(commaSeparated instanceof String text)) {
            return List.of();
        }
        List<String> addresses = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean angled = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '<' && !quoted) {
                angled = true;
            } else if (c == '>' && !quoted) {
                angled = false;
            } else if (c == ',' && !quoted && !angled) {
                address(current.toString()).ifPresent(addresses::add);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        address(current.toString()).ifPresent(addresses::add);
        return List.copyOf(addresses);
    }

    /** The domain of a bare address, lower-cased; empty when it has no {@code @}. */
    public static Optional<String> domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 || at == address.length() - 1 ? Optional.empty()
                : Optional.of(address.substring(at + 1).toLowerCase(Locale.ROOT));
    }
}
