package org.connectorhub.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bounds on metadata, an account's and a connect session's alike (a session's metadata
 * becomes the account's when it is linked), so it fits the database's columns and never takes
 * the 500 path. The one place they are stated.
 */
public final class MetadataLimits {
    public static final int MAX_ENTRIES = 50;
    public static final int MAX_KEY_LENGTH = 40;
    public static final int MAX_VALUE_LENGTH = 500;

    private MetadataLimits() {
    }

    /** One error per entry over a bound (and one for too many entries); empty when it fits. Values are never quoted. */
    public static List<FieldError> check(Map<String, String> metadata) {
        List<FieldError> errors = new ArrayList<>();
        if (metadata.size() > MAX_ENTRIES) {
            errors.add(FieldError.of("metadata", "too_many_entries", "Metadata holds at most " + MAX_ENTRIES + " entries."));
        }
        metadata.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                errors.add(FieldError.of("metadata." + truncate(key), "invalid_key",
                        "Metadata keys have 1 to " + MAX_KEY_LENGTH + " characters."));
            } else if (value.length() > MAX_VALUE_LENGTH) {
                errors.add(FieldError.of("metadata." + key, "too_long",
                        "Metadata values have at most " + MAX_VALUE_LENGTH + " characters."));
            }
        });
        return errors;
    }

    /** @throws InvalidInputException with every error {@link #check} finds */
    public static void requireWithin(Map<String, String> metadata) {
        List<FieldError> errors = check(metadata);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.get(0).message(), errors);
        }
    }

    // an over-long key is named cut, so the error stays small whatever was sent
    private static String truncate(String key) {
        return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) + "..." : key;
    }
}
