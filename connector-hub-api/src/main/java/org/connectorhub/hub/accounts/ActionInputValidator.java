package org.connectorhub.hub.accounts;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.InvalidInputException;

/** Checks an action's input against the JSON Schema the action declares, before the core runs it. */
@Singleton
public final class ActionInputValidator {
    private final ObjectMapper mapper;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    @Inject
    public ActionInputValidator(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** @throws InvalidInputException naming each field that does not fit, values never quoted */
    public void validate(String provider, ActionDescriptor action, JsonNode input) {
        JsonSchema schema = schemas.computeIfAbsent(provider + "/" + action.name(),
                key -> factory.getSchema(mapper.<JsonNode>valueToTree(action.inputSchema())));
        Set<ValidationMessage> messages = schema.validate(input);
        if (messages.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        messages.stream().sorted(Comparator.comparing(ValidationMessage::getMessage)).forEach(message ->
                errors.add(FieldError.of(field(message), message.getType() == null ? "invalid" : message.getType(),
                        message.getMessage())));
        throw new InvalidInputException("The input of '" + action.name() + "' does not match its schema: "
                + errors.get(0).message(), errors);
    }

    private static String field(ValidationMessage message) {
        String location = message.getInstanceLocation() == null ? "$" : message.getInstanceLocation().toString();
        String path = location.startsWith("$") ? location.substring(1) : location;
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        if (message.getProperty() != null && ("required".equals(message.getType())
                || "additionalProperties".equals(message.getType()))) {
            path = path.isEmpty() ? message.getProperty() : path + "." + message.getProperty();
        }
        return path.isEmpty() ? "input" : path;
    }
}
