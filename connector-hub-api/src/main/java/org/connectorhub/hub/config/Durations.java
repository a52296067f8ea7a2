package org.connectorhub.hub.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every {@code HUB_*} variable and flag: {@code 0}, or a whole number
 * with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 3d}), or ISO-8601
 * ({@code PT30S}, accepted because it worked before). Case and spaces around the unit do not matter.
 * Whether zero or a given size makes sense is the setting's business, not the grammar's.
 */
public final class Durations {
    /** What the error message and the docs show. */
    public static final String GRAMMAR = "0, or a number with ms, s, m, h or d (500ms, 30s, 5m, 1h, 3d)";

    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * The duration {@code text} names; {@code variable} (e.g. {@code HUB_WEBHOOKS_TIMEOUT}) is only
     * for the message when the text is not a duration.
     */
    public static Duration parse(String variable, String text) {
        if (text != null) {
            String value = text.strip().toLowerCase(Locale.ROOT);
            try {
                if (value.equals("0")) {
                    return Duration.ZERO;
                }
                if (value.startsWith("p")) {
                    Duration iso = Duration.parse(value.toUpperCase(Locale.ROOT));
                    if (!iso.isNegative()) {
                        return iso;
                    }
                }
                Matcher matcher = AMOUNT_AND_UNIT.matcher(value);
                if (matcher.matches()) {
                    return of(Long.parseLong(matcher.group(1)), matcher.group(2));
                }
            } catch (DateTimeParseException | ArithmeticException e) {
                // not a duration we can hold: the message below says what is
            }
        }
        throw new IllegalArgumentException(variable + " must be a duration: " + GRAMMAR + "; got '"
                + (text == null ? "" : text.strip()) + "'");
    }

    /** The shortest text of this grammar that {@link #parse} reads back as {@code duration}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0";
        }
        long millis = duration.toMillis();
        if (millis % 86_400_000L == 0) {
            return millis / 86_400_000L + "d";
        }
        if (millis % 3_600_000L == 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0) {
            return millis / 60_000L + "m";
        }
        if (millis % 1_000L == 0) {
            return millis / 1_000L + "s";
        }
        return millis + "ms";
    }

    private static Duration of(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
