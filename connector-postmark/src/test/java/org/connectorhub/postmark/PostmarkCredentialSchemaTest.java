package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.connectorhub.postmark.PostmarkCredentialSchema.ACCOUNT_TOKEN;
import static org.connectorhub.postmark.PostmarkCredentialSchema.SERVER_TOKEN;

import java.util.List;
import java.util.Map;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.CredentialSchema;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.ScopeDescriptor;
import org.junit.jupiter.api.Test;

class PostmarkCredentialSchemaTest {
    private static final String UUID_TOKEN = "8c1d3f6e-1234-4bcd-9a8b-0123456789ab";
    private final CredentialSchema schema = PostmarkCredentialSchema.schema();

    @Test
    void a_server_token_alone_is_enough() {
        assertThat(schema.validate(Credentials.of(SERVER_TOKEN, UUID_TOKEN))).isEmpty();
    }

    @Test
    void both_tokens_as_uuids_pass() {
        assertThat(schema.validate(Credentials.of(SERVER_TOKEN, UUID_TOKEN, ACCOUNT_TOKEN,
                "0f0f0f0f-aaaa-4bbb-8ccc-ddddeeeeffff"))).isEmpty();
    }

    @Test
    void upper_case_uuids_pass() {
        assertThat(schema.validate(Credentials.of(SERVER_TOKEN, UUID_TOKEN.toUpperCase()))).isEmpty();
    }

    @Test
    void surrounding_whitespace_is_trimmed_before_the_check() {
        Credentials padded = Credentials.of(SERVER_TOKEN, "  " + UUID_TOKEN + "\n\t");
        assertThat(schema.validate(padded)).isEmpty();
        assertThat(padded.require(SERVER_TOKEN)).isEqualTo(UUID_TOKEN);
    }

    @Test
    void the_test_token_is_a_valid_server_token() {
        assertThat(schema.validate(Credentials.of(SERVER_TOKEN, "POSTMARK_API_TEST"))).isEmpty();
    }

    @Test
    void the_test_token_is_not_a_valid_account_token() {
        List<FieldError> errors = schema.validate(Credentials.of(SERVER_TOKEN, UUID_TOKEN, ACCOUNT_TOKEN,
                "POSTMARK_API_TEST"));
        assertThat(errors).extracting(FieldError::field).containsExactly(ACCOUNT_TOKEN);
    }

    @Test
    void a_value_that_cannot_be_a_token_is_rejected_on_its_field_saying_what_a_token_looks_like() {
        List<FieldError> errors = schema.validate(Credentials.of(SERVER_TOKEN, "my-password-123"));
        assertThat(errors).hasSize(1);
        FieldError error = errors.get(0);
        assertThat(error.field()).isEqualTo(SERVER_TOKEN);
        assertThat(error.code()).isEqualTo("invalid_format");
        assertThat(error.message()).contains("UUID").contains("8c1d3f6e-").doesNotContain("my-password-123");
    }

    @Test
    void tokens_with_extra_characters_are_rejected() {
        assertThat(schema.validate(Credentials.of(SERVER_TOKEN, UUID_TOKEN + "0"))).isNotEmpty();
        assertThat(schema.validate(Credentials.of(SERVER_TOKEN, "xPOSTMARK_API_TEST"))).isNotEmpty();
        assertThat(schema.validate(Credentials.of(SERVER_TOKEN, "postmark_api_test"))).isNotEmpty();
        assertThat(schema.validate(Credentials.of(SERVER_TOKEN, UUID_TOKEN.replace('-', '_')))).isNotEmpty();
    }

    @Test
    void the_server_token_is_required() {
        List<FieldError> errors = schema.validate(Credentials.of(ACCOUNT_TOKEN, UUID_TOKEN));
        assertThat(errors).extracting(FieldError::field, FieldError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SERVER_TOKEN, "required"));
    }

    @Test
    void fields_carry_the_labels_help_and_scopes_a_postmark_user_expects() {
        CredentialField server = schema.field(SERVER_TOKEN).orElseThrow();
        assertThat(server.label()).isEqualTo("Server API Token");
        assertThat(server.secret()).isTrue();
        assertThat(server.required()).isTrue();
        assertThat(server.scope()).contains("server");
        assertThat(server.help()).contains("API Tokens").contains("Server Admins").contains("POSTMARK_API_TEST");

        CredentialField account = schema.field(ACCOUNT_TOKEN).orElseThrow();
        assertThat(account.label()).isEqualTo("Account API Token");
        assertThat(account.secret()).isTrue();
        assertThat(account.required()).isFalse();
        assertThat(account.scope()).contains("account");
        assertThat(account.help()).contains("Account").contains("API Tokens").contains("Account Owners");
        assertThat(account.unlocks()).isEqualTo("Only needed to manage servers, sender signatures and domains");
        assertThat(schema.fieldUnlocking("account")).contains(account);
    }

    @Test
    void descriptor_declares_both_scopes_and_the_documented_test_token() {
        var descriptor = PostmarkCredentialSchema.descriptor();
        assertThat(descriptor.provider()).isEqualTo("postmark");
        assertThat(descriptor.scopes()).extracting(ScopeDescriptor::key).containsExactly("server", "account");
        assertThat(descriptor.testCredentials()).isEqualTo(Map.of(SERVER_TOKEN, "POSTMARK_API_TEST"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void json_schema_patterns_are_anchored_so_they_mean_the_same_in_json_schema() {
        Map<String, Object> properties = (Map<String, Object>) schema.toJsonSchema().get("properties");
        for (String key : List.of(SERVER_TOKEN, ACCOUNT_TOKEN)) {
            String pattern = (String) ((Map<String, Object>) properties.get(key)).get("pattern");
            assertThat(pattern).startsWith("^").endsWith("$").doesNotContain("(?i)");
        }
        assertThat(schema.toJsonSchema().get("required")).isEqualTo(List.of(SERVER_TOKEN));
    }
}
