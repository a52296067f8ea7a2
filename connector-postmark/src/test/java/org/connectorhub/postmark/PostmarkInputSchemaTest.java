package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.testkit.JsonSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The declared JSON Schemas and the actions' own checks agree: what one accepts, the other does too. */
class PostmarkInputSchemaTest {
    private final Connector connector = new PostmarkConnectorFactory().create(new ConnectorConfig(Map.of(
            ConnectorConfig.BASE_URL, "http://127.0.0.1:9")));

    @AfterEach
    void close() {
        connector.close();
    }

    static Map<String, Object> email() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", "Sender <sender@example.com>");
        m.put("to", "a@example.com, b@example.com");
        m.put("subject", "Hi");
        m.put("html_body", "<p>Hi</p>");
        m.put("headers", List.of(Map.of("name", "X-A", "value", "1")));
        m.put("track_links", "HtmlOnly");
        m.put("metadata", Map.of("k", "v"));
        m.put("attachments", List.of(Map.of("name", "a.txt", "content", "aGk=", "content_type", "text/plain")));
        return m;
    }

    /** A valid input for every action. */
    static Map<String, Map<String, Object>> samples() {
        Map<String, Map<String, Object>> s = new LinkedHashMap<>();
        s.put("send_email", email());
        s.put("send_email_batch", Map.of("messages", List.of(email(), email())));
        s.put("send_email_with_template", Map.of("template_alias", "welcome", "template_model", Map.of("a", 1),
                "from", "sender@example.com", "to", "a@example.com"));
        s.put("list_templates", Map.of("count", 10, "offset", 0, "template_type", "All"));
        s.put("get_template", Map.of("template_id", 5));
        s.put("search_outbound_messages", Map.of("count", 10, "from_date", "2024-01-01", "status", "sent"));
        s.put("get_outbound_message", Map.of("message_id", "0f0f0f0f-aaaa-4bbb-8ccc-ddddeeeeffff"));
        s.put("list_bounces", Map.of("inactive", false, "type", "HardBounce"));
        s.put("get_bounce", Map.of("bounce_id", 7));
        s.put("activate_bounce", Map.of("bounce_id", 7));
        s.put("get_delivery_stats", Map.of());
        s.put("list_message_streams", Map.of("include_archived_streams", true));
        s.put("get_outbound_stats", Map.of("tag", "t", "to_date", "2024-02-01T10:00:00"));
        s.put("list_webhooks", Map.of("message_stream", "outbound"));
        s.put("create_webhook", Map.of("url", "https://example.com/hook",
                "triggers", Map.of("delivery", Map.of("enabled", true))));
        s.put("delete_webhook", Map.of("webhook_id", 3));
        s.put("list_suppressions", Map.of("origin", "Recipient"));
        s.put("get_server", Map.of());
        s.put("list_servers", Map.of("name", "main"));
        s.put("get_server_by_id", Map.of("server_id", 1));
        s.put("create_server", Map.of("name", "New", "color", "Red", "inbound_spam_threshold", 5));
        s.put("list_sender_signatures", Map.of("count", 50));
        s.put("create_sender_signature", Map.of("from_email", "a@example.com", "name", "A"));
        s.put("list_domains", Map.of());
        s.put("get_domain", Map.of("domain_id", 2));
        s.put("create_domain", Map.of("name", "example.com"));
        s.put("verify_domain_dkim", Map.of("domain_id", 2));
        return s;
    }

    private Map<String, Object> schemaOf(String action) {
        return connector.action(action).orElseThrow().descriptor().inputSchema();
    }

    @Test
    void every_action_has_a_sample_and_every_schema_is_valid_json_schema() {
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(
                connector.actions().stream().map(a -> a.descriptor().name()).toList());
        for (ConnectorAction a : connector.actions()) {
            assertThat(JsonSchemas.metaSchemaViolations(a.descriptor().inputSchema())).as(a.descriptor().name()).isEmpty();
        }
    }

    @Test
    void valid_samples_satisfy_the_declared_schema_and_the_actions_own_checks() {
        samples().forEach((name, input) -> {
            assertThat(JsonSchemas.violations(schemaOf(name), input)).as(name).isEmpty();
            PostmarkAction action = (PostmarkAction) connector.action(name).orElseThrow();
            assertThat(action.inputShape().toWire(input)).as(name).isNotNull();
        });
    }

    @Test
    void inputs_off_the_schema_are_refused_by_the_schema_the_core_checks() {
        List<Map.Entry<String, Map<String, Object>>> bad = new ArrayList<>();
        Map<String, Object> noBody = email();
        noBody.remove("html_body");
        bad.add(Map.entry("send_email", noBody));
        Map<String, Object> unknown = email();
        unknown.put("surprise", 1);
        bad.add(Map.entry("send_email_batch", Map.of("messages", List.of(unknown))));
        bad.add(Map.entry("list_templates", Map.of("count", 0)));
        bad.add(Map.entry("get_template", Map.of()));
        bad.add(Map.entry("list_bounces", Map.of("inactive", "yes")));
        bad.add(Map.entry("create_server", Map.of("name", "x", "color", "Pink")));
        bad.add(Map.entry("create_webhook", Map.of("url", "https://example.com/h", "triggers",
                Map.of("open", Map.of("post_first_open_only", true)))));
        bad.add(Map.entry("get_domain", Map.of("domain_id", -1)));
        List<Object> many = new ArrayList<>();
        for (int i = 0; i <= PostmarkActions.MAX_BATCH; i++) {
            many.add(email());
        }
        bad.add(Map.entry("send_email_batch", Map.of("messages", many)));
        bad.forEach(entry -> assertThat(JsonSchemas.violations(schemaOf(entry.getKey()), entry.getValue()))
                .as(entry.getKey()).isNotEmpty());
        assertThat(bad).hasSize(9);
    }

    @Test
    void the_adapter_still_refuses_a_wrong_type_or_a_missing_required_property() {
        Map<String, Object> noFrom = email();
        noFrom.remove("from");
        List<Map.Entry<String, Map<String, Object>>> bad = List.of(
                Map.entry("send_email", noFrom),
                Map.entry("list_bounces", Map.of("inactive", "yes")),
                Map.entry("get_domain", Map.of("domain_id", "one")),
                Map.entry("send_email_batch", Map.of("messages", "not a list")));
        bad.forEach(entry -> {
            assertThat(JsonSchemas.violations(schemaOf(entry.getKey()), entry.getValue())).as(entry.getKey()).isNotEmpty();
            assertThatThrownBy(() -> shapeOf(entry.getKey()).toWire(entry.getValue())).as(entry.getKey())
                    .isInstanceOf(InvalidInputException.class);
        });
    }

    @Test
    void the_adapter_refuses_what_the_schema_cannot_say() {
        Map<String, Object> blank = email();
        blank.put("subject", "   ");
        Map<String, Object> notAnAddress = email();
        notAnAddress.put("to", "someone at example.com");
        Map<String, Object> tooMany = email();
        tooMany.put("to", String.join(",", java.util.Collections.nCopies(51, "a@example.com")));
        for (Map<String, Object> input : List.of(blank, notAnAddress, tooMany)) {
            assertThat(JsonSchemas.violations(schemaOf("send_email"), input)).as("schema on %s", input).isEmpty();
            assertThatThrownBy(() -> shapeOf("send_email").toWire(input)).as("adapter on %s", input)
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    private PostmarkShape shapeOf(String action) {
        return ((PostmarkAction) connector.action(action).orElseThrow()).inputShape();
    }
}
