package org.connectorhub.testkit.example.calendly;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.connectorhub.core.domain.InvalidInputException;

/** Reads an action's JSON-data input by its schema's rules, refusing a wrong value before any call. */
final class CalendlyInput {
    private final Map<String, Object> input;

    CalendlyInput(Map<String, Object> input) {
        this.input = input;
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
