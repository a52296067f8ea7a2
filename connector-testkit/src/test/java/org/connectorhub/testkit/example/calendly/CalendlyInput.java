package org.connectorhub.testkit.example.calendly;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.connectorhub.core.domain.InvalidInputException;

/**
 * Reads an action's JSON-data input by its schema's rules, refusing a wrong value before any call.
 * The hub's HTTP layer checks the schema too, but the core runs actions without it: the
 * connector checks for itself.
 */
final class CalendlyInput {
    private final Map<String, Object> input;

    /** Refuses any property but the known ones ({@code additionalProperties: false}). */
    CalendlyInput(Map<String, Object> input, Set<String> known) {
        this.input = input;
        for (String name : input.keySet()) {
            if (!known.contains(name)) {
                throw InvalidInputException.onField(name, "'" + name + "' is not a known property.");
            }
        }
    }

    Optional<String> optionalString(String field, int maxLength) {
        Object value = input.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw InvalidInputException.onField(field, "'" + field + "' must be a string.");
        }
        if (text.length() > maxLength) {
            throw InvalidInputException.onField(field, "'" + field + "' must be at most " + maxLength + " characters.");
        }
        return Optional.of(text);
    }

    String requiredString(String field, Pattern pattern, String what) {
        Object value = input.get(field);
        if (value == null) {
            throw InvalidInputException.onField(field, "'" + field + "' is required.");
        }
        if (!(value instanceof String text) || !pattern.matcher(text).matches()) {
            throw InvalidInputException.onField(field, "'" + field + "' must be " + what + ".");
        }
        return text;
    }

    Optional<Integer> optionalInteger(String field, int min, int max) {
        Object value = input.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.longValue() < min || number.longValue() > max) {
            throw InvalidInputException.onField(field, "'" + field + "' must be a whole number from " + min + " to " + max + ".");
        }
        return Optional.of(number.intValue());
    }

    Optional<Boolean> optionalBoolean(String field) {
        Object value = input.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean flag)) {
            throw InvalidInputException.onField(field, "'" + field + "' must be true or false.");
        }
        return Optional.of(flag);
    }
}
