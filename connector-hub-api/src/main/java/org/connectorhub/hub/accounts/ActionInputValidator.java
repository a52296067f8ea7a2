package org.connectorhub.hub.accounts;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.port.out.InputSchemaValidator;

/** The core's input check, with networknt's JSON Schema 2020-12; schemas compiled once per action. */
@Singleton
public final class ActionInputValidator implements InputSchemaValidator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectMapper mapper;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    @Inject
    public ActionInputValidator(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public List<FieldError> validate(String provider, ActionDescriptor action, Map<String, Object> input) {
        JsonSchema schema = schemas.computeIfAbsent(provider + "/" + action.name(),
                key -> factory.getSchema(mapper.<JsonNode>valueToTree(action.inputSchema())));
        Set<ValidationMessage> messages = schema.validate(tree(input));
        if (messages.isEmpty()) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        messages.stream().sorted(Comparator.comparing(ValidationMessage::getMessage)).forEach(message ->
                errors.add(FieldError.of(field(message), message.getType() == null ? "invalid" : message.getType(),
                        message.getMessage())));
        return errors;
    }

    /** JSON data as a tree by walking it: no serializing to a buffer and parsing that again on every call. */
    private JsonNode tree(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((key, member) -> node.set(String.valueOf(key), tree(member)));
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = NODES.arrayNode(list.size());
            list.forEach(item -> node.add(tree(item)));
            return node;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof BigInteger number) {
            return NODES.numberNode(number);
        }
        if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        }
        return mapper.valueToTree(value); // anything else an embedded caller passes
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
