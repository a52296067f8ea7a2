package org.connectorhub.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema checks for schemas the core keeps as data (maps and lists): is it a valid draft
 * 2020-12 schema, and does an instance conform to it. The 2020-12 meta-schema ships inside the
 * validator, so nothing is fetched.
 */
public final class JsonSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonSchema META_SCHEMA = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012));
    private static final int COMPILED_KEPT = 256;
    /** Compiled schemas by their JSON: the contract checks hundreds of inputs against a few dozen schemas. */
    private static final Map<JsonNode, JsonSchema> COMPILED = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JsonNode, JsonSchema> eldest) {
            return size() > COMPILED_KEPT;
        }
    };

    private JsonSchemas() {
    }

    /** Serializes JSON data (maps, lists, strings, numbers, booleans) the way an adapter would, with Jackson. */
    public static JsonNode toJson(Object data) {
        return MAPPER.valueToTree(data);
    }

    /** The problems that make this not a valid draft 2020-12 schema; empty when it is valid. */
    public static List<String> metaSchemaViolations(Map<String, Object> schema) {
        return messages(META_SCHEMA.validate(toJson(schema)));
    }

    /** The problems of the instance against the schema (draft 2020-12 unless it says otherwise). */
    public static List<String> violations(Map<String, Object> schema, Object instance) {
        return messages(compiled(toJson(schema)).validate(toJson(instance)));
    }

    private static JsonSchema compiled(JsonNode schema) {
        synchronized (COMPILED) {
            return COMPILED.computeIfAbsent(schema, FACTORY::getSchema);
        }
    }

    private static List<String> messages(java.util.Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
