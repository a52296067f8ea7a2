package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The ordered credential fields of a connector, and the checks that need no network. */
public record CredentialSchema(List<CredentialField> fields) {
    public CredentialSchema {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        Set<String> keys = new HashSet<>();
        for (CredentialField field : fields) {
            if (!keys.add(field.key())) {
                throw new IllegalArgumentException("duplicate field key: " + field.key());
            }
        }
    }

    public static CredentialSchema of(CredentialField... fields) {
        return new CredentialSchema(List.of(fields));
    }

    public Optional<CredentialField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** The first field that unlocks the scope, to tell a user which token to add. */
    public Optional<CredentialField> fieldUnlocking(String scope) {
        return fields.stream().filter(f -> f.scope().filter(scope::equals).isPresent()).findFirst();
    }

    /**
     * The schema as JSON Schema (draft 2020-12), as data: maps, lists, strings and booleans, for
     * an adapter to serialize. Secret fields carry {@code "writeOnly": true}.
     */
    public java.util.Map<String, Object> toJsonSchema() {
        java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (CredentialField field : fields) {
            java.util.Map<String, Object> property = new java.util.LinkedHashMap<>();
            property.put("type", "string");
            property.put("title", field.label());
            property.put("description", field.description());
            field.pattern().ifPresent(p -> property.put("pattern", p));
            if (field.secret()) {
                property.put("writeOnly", true);
            }
            properties.put(field.key(), property);
            if (field.required()) {
                required.add(field.key());
            }
        }
        java.util.Map<String, Object> schema = new java.util.LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * Problems found without asking the provider: unknown fields, required fields missing,
     * values that cannot be right. Messages never repeat the value.
     */
    public List<FieldError> validate(Credentials credentials) {
        requireNonNull(credentials, "credentials is null");
        List<FieldError> errors = new ArrayList<>();
        for (String key : credentials.fieldKeys()) {
            if (field(key).isEmpty()) {
                errors.add(FieldError.of(key, "unknown_field", "This connector has no field '" + key + "'."));
            }
        }
        for (CredentialField field : fields) {
            Optional<String> value = credentials.get(field.key());
            if (value.isEmpty()) {
                if (field.required()) {
                    errors.add(new FieldError(field.key(), "required", field.label() + " is required.", field.help()));
                }
            } else if (!field.accepts(value.get())) {
                errors.add(new FieldError(field.key(), "invalid_format", field.patternMessage(), field.help()));
            }
        }
        return List.copyOf(errors);
    }
}
