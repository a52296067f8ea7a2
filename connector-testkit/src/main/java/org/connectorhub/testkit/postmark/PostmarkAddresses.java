package org.connectorhub.testkit.postmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Postmark's address fields: {@code a@b.c}, {@code Name <a@b.c>}, comma lists with quoted names. */
final class PostmarkAddresses {
    // Postmark's published mailbox and domain patterns, joined by '@'
    private static final Pattern EMAIL = Pattern.compile(
            "[a-zA-Z0-9.!#$%&'`*+\\-/=^_{}|~]+@((\\.)?[a-zA-Z0-9\\-])+");
    private static final Pattern NAMED = Pattern.compile("^(.*?)\\s*<([^<>]*)>$");

    private PostmarkAddresses() {
    }

    record Address(String name, String email) {
        String key() {
            return email.toLowerCase(Locale.ROOT);
        }

        String domain() {
            return email.substring(email.indexOf('@') + 1);
        }
    }

    /** The address, or empty when it is not one Postmark would accept. */
    static Optional<Address> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        String name = "";
        String email = trimmed;
        Matcher named = NAMED.matcher(trimmed);
        if (named.matches()) {
            name = unquote(named.group(1).trim());
            email = named.group(2).trim();
        }
        if (!EMAIL.matcher(email).matches() || email.startsWith(".") || email.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(new Address(name, email));
    }

    /** Splits a comma list, keeping commas inside quoted names. */
    static List<String> split(String list) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '"' && (i == 0 || list.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().trim());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\\\"", "\"");
        }
        return name;
    }
}
