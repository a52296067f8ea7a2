package org.connectorhub.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectorhub.core.domain.Credentials;

/** Finds credential values in text without ever printing them. */
public final class Secrets {
    /**
     * Values shorter than this are not searched for: a one-letter value would match anywhere.
     * Real tokens are far longer.
     */
    public static final int MIN_SECRET_LENGTH = 6;

    private Secrets() {
    }

    /** The field whose value appears in the text, if any. */
    public static Optional<String> leakedField(String text, Credentials... credentials) {
        for (Map.Entry<String, String> secret : values(credentials).entrySet()) {
            if (text != null && text.contains(secret.getKey())) {
                return Optional.of(secret.getValue());
            }
        }
        return Optional.empty();
    }

    /** The text with every credential value replaced by {@code ****<field>****}, safe to print. */
    public static String mask(String text, Credentials... credentials) {
        String masked = String.valueOf(text);
        for (Map.Entry<String, String> secret : values(credentials).entrySet()) {
            masked = masked.replace(secret.getKey(), "****" + secret.getValue() + "****");
        }
        return masked;
    }

    /** A failure as text: class, message and {@code toString()} of it, its causes and suppressed ones, with stack frames. */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> queue = new ArrayList<>(List.of(failure));
        while (!queue.isEmpty()) {
            Throwable t = queue.remove(0);
            if (!seen.add(t)) {
                continue;
            }
            out.append(t).append('\n').append(t.getMessage()).append('\n').append(t.getLocalizedMessage()).append('\n');
            if (t.getCause() != null) {
                queue.add(t.getCause());
            }
            queue.addAll(List.of(t.getSuppressed()));
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return out.append(trace).toString();
    }

    /** value → field key, longest values first so a mask never leaves part of a longer one. */
    private static Map<String, String> values(Credentials... credentials) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (Credentials c : credentials) {
            c.forEach((key, value) -> {
                if (value.length() >= MIN_SECRET_LENGTH) {
                    entries.add(Map.entry(value, key));
                }
            });
        }
        entries.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
        Map<String, String> byValue = new LinkedHashMap<>();
        entries.forEach(e -> byValue.putIfAbsent(e.getKey(), e.getValue()));
        return byValue;
    }
}
