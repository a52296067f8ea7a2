package org.connectorhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.CredentialSchema;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
    @Test
    void aCredentialSchemaRendersAsValidDraft202012() {
        CredentialSchema schema = CredentialSchema.of(CredentialField.builder().key("api_key").label("API Key")
                .description("The key.").help("Settings > API.").pattern("^[a-z0-9]{32}$").build());

        assertThat(JsonSchemas.metaSchemaViolations(schema.toJsonSchema())).isEmpty();
    }

    @Test
    void aMalformedSchemaIsReported() {
        Map<String, Object> broken = Map.of("type", "strin", "required", "name", "properties", List.of());

        assertThat(JsonSchemas.metaSchemaViolations(broken)).isNotEmpty();
    }

    @Test
    void instancesAreCheckedAgainstTheirSchema() {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("count", Map.of("type", "integer", "maximum", 100)), "required", List.of("count"));

        assertThat(JsonSchemas.violations(schema, Map.of("count", 10))).isEmpty();
        assertThat(JsonSchemas.violations(schema, Map.of("count", "ten"))).isNotEmpty();
        assertThat(JsonSchemas.violations(schema, Map.of())).isNotEmpty();
    }
}
