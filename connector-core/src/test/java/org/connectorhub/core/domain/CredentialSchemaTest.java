package org.connectorhub.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialSchemaTest {
    private final CredentialSchema schema = CredentialSchema.of(
            CredentialField.builder().key("token").label("Token").description("d").help("h")
                    .pattern("[0-9a-f]{4}").patternMessage("A token is four hex digits.").build(),
            CredentialField.builder().key("extra").label("Extra").description("d").help("h").required(false)
                    .secret(false).build());

    @Test
    void acceptsWellFormedCredentials() {
        assertThat(schema.validate(Credentials.of("token", " ab12 "))).isEmpty();
    }

    @Test
    void reportsBadShapeWithThePatternMessageAndNoValue() {
        assertThat(schema.validate(Credentials.of("token", "zzzz-secret")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo("invalid_format");
                    assertThat(e.message()).isEqualTo("A token is four hex digits.").doesNotContain("zzzz");
                });
    }

    @Test
    void rejectsDuplicateKeysAndNonSnakeCaseKeys() {
        CredentialField field = CredentialField.builder().key("a").label("A").description("").help("").build();
        assertThatThrownBy(() -> CredentialSchema.of(field, field)).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> CredentialField.builder().key("Bad-Key").label("A").description("").help("").build())
                .hasMessageContaining("snake_case");
    }

    @Test
    @SuppressWarnings("unchecked")
    void rendersAsJsonSchemaData() {
        Map<String, Object> json = schema.toJsonSchema();

        assertThat(json).containsEntry("type", "object").containsEntry("additionalProperties", false)
                .containsEntry("required", List.of("token"));
        Map<String, Object> token = (Map<String, Object>) ((Map<String, Object>) json.get("properties")).get("token");
        assertThat(token).containsEntry("writeOnly", true).containsEntry("pattern", "[0-9a-f]{4}")
                .containsEntry("title", "Token");
        Map<String, Object> extra = (Map<String, Object>) ((Map<String, Object>) json.get("properties")).get("extra");
        assertThat(extra).doesNotContainKey("writeOnly");
    }

    @Test
    void descriptorRefusesAFieldUnlockingAnUndeclaredScope() {
        CredentialField field = CredentialField.builder().key("a").label("A").description("").help("").scope("ghost").build();
        assertThatThrownBy(() -> ConnectorDescriptor.builder().provider("p").displayName("P")
                .credentialSchema(CredentialSchema.of(field)).build())
                .hasMessageContaining("unknown scope ghost");
    }
}
