package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostmarkJsonTest {
    private final ObjectMapper mapper = PostmarkJson.mapper();

    @Test
    void wire_names_become_snake_case_with_postmarks_capital_runs() {
        assertThat(PostmarkJson.snakeCase("MessageID")).isEqualTo("message_id");
        assertThat(PostmarkJson.snakeCase("ID")).isEqualTo("id");
        assertThat(PostmarkJson.snakeCase("SPFVerified")).isEqualTo("spf_verified");
        assertThat(PostmarkJson.snakeCase("DKIMVerified")).isEqualTo("dkim_verified");
        assertThat(PostmarkJson.snakeCase("ReturnPathDomainVerified")).isEqualTo("return_path_domain_verified");
        assertThat(PostmarkJson.snakeCase("TemplateId")).isEqualTo("template_id");
        assertThat(PostmarkJson.snakeCase("TotalCount")).isEqualTo("total_count");
        assertThat(PostmarkJson.snakeCase("HtmlBody")).isEqualTo("html_body");
        assertThat(PostmarkJson.snakeCase("SMTPApiActivated")).isEqualTo("smtp_api_activated");
    }

    @Test
    void api_tokens_are_dropped_at_any_depth() throws Exception {
        Object out = PostmarkJson.toOutput(mapper.readTree("""
                {"TotalCount":1,"Servers":[{"ID":1,"Name":"a","ApiTokens":["11111111-2222-3333-4444-555555555555"]}],
                 "ApiTokens":["x"]}"""));
        assertThat(out).isEqualTo(Map.of("total_count", 1, "servers", List.of(Map.of("id", 1, "name", "a"))));
        assertThat(out.toString()).doesNotContain("11111111-2222");
    }

    @Test
    void user_metadata_and_template_models_keep_their_keys() throws Exception {
        Object out = PostmarkJson.toOutput(mapper.readTree("""
                {"Metadata":{"OrderId":"7","nested_key":"x"},"TemplateModel":{"UserName":{"FirstName":"Ann"}},
                 "BouncedAt":"2024-01-01T00:00:00Z","Inactive":true,"Size":2.5}"""));
        assertThat(out).isEqualTo(Map.of(
                "metadata", Map.of("OrderId", "7", "nested_key", "x"),
                "template_model", Map.of("UserName", Map.of("FirstName", "Ann")),
                "bounced_at", "2024-01-01T00:00:00Z",
                "inactive", true,
                "size", new java.math.BigDecimal("2.5")));
    }

    @Test
    void the_mapper_ignores_fields_postmark_adds_later() throws Exception {
        PostmarkServerInfo info = mapper.readValue("""
                {"ID":5,"Name":"Main","DeliveryType":"Live","SomethingNew":{"a":1},
                 "ApiTokens":["11111111-2222-3333-4444-555555555555"]}""", PostmarkServerInfo.class);
        assertThat(info).isEqualTo(new PostmarkServerInfo(5L, "Main", "Live"));
        assertThat(info.toString()).doesNotContain("11111111");
    }
}
