package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.TestModeUnsupportedException;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.core.spi.ConnectorConfig;
import org.junit.jupiter.api.AfterEach;
import org.connectorhub.testkit.JsonSchemas;
import org.junit.jupiter.api.Test;

/** The catalogue and the checks that happen before any call; nothing here reaches a server. */
class PostmarkActionCatalogueTest {
    static final List<String> SERVER_ACTIONS = List.of("send_email", "send_email_batch", "send_email_with_template",
            "list_templates", "get_template", "search_outbound_messages", "get_outbound_message", "list_bounces",
            "get_bounce", "activate_bounce", "get_delivery_stats", "list_message_streams", "get_outbound_stats",
            "list_webhooks", "create_webhook", "delete_webhook", "list_suppressions", "get_server");
    static final List<String> ACCOUNT_ACTIONS = List.of("list_servers", "get_server_by_id", "create_server",
            "list_sender_signatures", "create_sender_signature", "list_domains", "get_domain", "create_domain",
            "verify_domain_dkim");
    static final List<String> READS = List.of("list_templates", "get_template", "search_outbound_messages",
            "get_outbound_message", "list_bounces", "get_bounce", "get_delivery_stats", "list_message_streams",
            "get_outbound_stats", "list_webhooks", "list_suppressions", "get_server", "list_servers",
            "get_server_by_id", "list_sender_signatures", "list_domains", "get_domain");

    // Nothing listens on port 9 of loopback: a call that slipped through would fail as "unavailable".
    private final Connector connector = new PostmarkConnectorFactory().create(new ConnectorConfig(Map.of(
            ConnectorConfig.BASE_URL, "http://127.0.0.1:9", ConnectorConfig.MAX_ATTEMPTS, "1",
            ConnectorConfig.CONNECT_TIMEOUT_MS, "300", ConnectorConfig.READ_TIMEOUT_MS, "300")));

    @AfterEach
    void close() {
        connector.close();
    }

    private ConnectorAction action(String name) {
        return connector.action(name).orElseThrow();
    }

    private static ActionRequest request(Mode mode, Map<String, Object> input) {
        return new ActionRequest(Credentials.of("server_token", mode == Mode.TEST ? "POSTMARK_API_TEST"
                : "8c1d3f6e-1234-4bcd-9a8b-0123456789ab", "account_token", "0f0f0f0f-aaaa-4bbb-8ccc-ddddeeeeffff"),
                mode, new ProviderAccount("1", "Main"), input, Optional.empty());
    }

    private static Map<String, Object> email() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", "sender@example.com");
        input.put("to", "receiver@example.com");
        input.put("subject", "Hi");
        input.put("text_body", "Hello");
        return input;
    }

    /** Refused as the core runs an action: its input checked against the schema first, then the handler's own checks. */
    private InvalidInputException invalid(String action, Map<String, Object> input) {
        List<FieldError> schemaErrors = JsonSchemas.inputValidator().validate("postmark", action(action).descriptor(), input);
        if (!schemaErrors.isEmpty()) {
            return new InvalidInputException(schemaErrors.get(0).message(), schemaErrors);
        }
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> action(action).execute(request(Mode.PRODUCTION, input)));
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        return (InvalidInputException) thrown;
    }

    @Test
    void the_catalogue_has_exactly_the_issues_actions_with_their_scopes() {
        List<String> expected = new ArrayList<>(SERVER_ACTIONS);
        expected.addAll(ACCOUNT_ACTIONS);
        assertThat(connector.actions()).extracting(a -> a.descriptor().name()).containsExactlyElementsOf(expected);
        SERVER_ACTIONS.forEach(n -> assertThat(action(n).descriptor().scope()).as(n).isEqualTo("server"));
        ACCOUNT_ACTIONS.forEach(n -> assertThat(action(n).descriptor().scope()).as(n).isEqualTo("account"));
    }

    @Test
    void reads_are_idempotent_and_sends_and_creates_are_not() {
        READS.forEach(n -> assertThat(action(n).descriptor().idempotent()).as(n).isTrue());
        List.of("send_email", "send_email_batch", "send_email_with_template", "create_webhook", "delete_webhook",
                "create_server", "create_sender_signature", "create_domain")
                .forEach(n -> assertThat(action(n).descriptor().idempotent()).as(n).isFalse());
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_input_schema_is_a_closed_object_with_snake_case_properties() {
        for (ConnectorAction a : connector.actions()) {
            Map<String, Object> schema = a.descriptor().inputSchema();
            assertThat(schema).as(a.descriptor().name()).containsEntry("type", "object")
                    .containsEntry("additionalProperties", false);
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            assertThat(properties.keySet()).allMatch(k -> k.matches("[a-z][a-z0-9_]*"), "snake_case");
            if (schema.containsKey("required")) {
                assertThat(properties.keySet()).containsAll((List<String>) schema.get("required"));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_email_schema_requires_from_to_and_a_body() {
        Map<String, Object> schema = action("send_email").descriptor().inputSchema();
        assertThat((List<String>) schema.get("required")).containsExactly("from", "to");
        assertThat(schema.get("anyOf")).isEqualTo(List.of(Map.of("required", List.of("html_body")),
                Map.of("required", List.of("text_body"))));
        Map<String, Object> batch = (Map<String, Object>) ((Map<String, Object>) action("send_email_batch").descriptor()
                .inputSchema().get("properties")).get("messages");
        assertThat(batch).containsEntry("maxItems", 500L).containsEntry("type", "array");
    }

    @Test
    void an_email_without_from_is_refused_naming_the_field() {
        Map<String, Object> input = email();
        input.remove("from");
        assertThat(invalid("send_email", input).fieldErrors()).extracting(FieldError::field).containsExactly("from");
    }

    @Test
    void an_email_without_any_body_is_refused() {
        Map<String, Object> input = email();
        input.remove("text_body");
        // the schema's "at least one of" names both alternatives
        assertThat(invalid("send_email", input).fieldErrors()).extracting(FieldError::field)
                .containsExactly("html_body", "text_body");
    }

    @Test
    void an_empty_input_names_every_missing_field() {
        assertThat(invalid("send_email", Map.of()).fieldErrors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("from", "to", "html_body", "text_body");
    }

    @Test
    void unknown_and_malformed_properties_are_refused() {
        Map<String, Object> input = email();
        input.put("HtmlBody", "<p>wire name</p>");
        assertThat(invalid("send_email", input).fieldErrors()).extracting(FieldError::field).containsExactly("HtmlBody");

        Map<String, Object> badTo = email();
        badTo.put("to", "not-an-address");
        assertThat(invalid("send_email", badTo).getMessage()).contains("to");

        Map<String, Object> badType = email();
        badType.put("track_opens", "yes");
        assertThat(invalid("send_email", badType).fieldErrors()).extracting(FieldError::field)
                .containsExactly("track_opens");

        Map<String, Object> badLinks = email();
        badLinks.put("track_links", "Always");
        assertThat(invalid("send_email", badLinks).getMessage()).contains("HtmlAndText");
    }

    @Test
    void more_than_fifty_recipients_are_refused_not_cut() {
        Map<String, Object> input = email();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add("r" + i + "@example.com");
        }
        input.put("cc", String.join(", ", many));
        InvalidInputException e = invalid("send_email", input);
        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("cc");
        assertThat(e.getMessage()).contains("51").contains("50");
    }

    @Test
    void a_batch_of_more_than_500_is_refused_not_truncated() {
        List<Object> messages = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            messages.add(email());
        }
        InvalidInputException e = invalid("send_email_batch", Map.of("messages", messages));
        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("messages");
        assertThat(e.getMessage()).contains("501").contains("500");
    }

    @Test
    void a_bad_message_inside_a_batch_is_named_by_its_position() {
        Map<String, Object> bad = email();
        bad.remove("to");
        InvalidInputException e = invalid("send_email_batch", Map.of("messages", List.of(email(), bad)));
        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("messages[1].to");
    }

    @Test
    void an_empty_batch_is_refused() {
        assertThat(invalid("send_email_batch", Map.of("messages", List.of())).fieldErrors())
                .extracting(FieldError::field).containsExactly("messages");
    }

    @Test
    void ids_must_be_positive_whole_numbers() {
        assertThat(invalid("get_bounce", Map.of("bounce_id", "12")).fieldErrors()).extracting(FieldError::field)
                .containsExactly("bounce_id");
        assertThat(invalid("get_bounce", Map.of("bounce_id", 0)).fieldErrors()).extracting(FieldError::field)
                .containsExactly("bounce_id");
        assertThat(invalid("get_bounce", Map.of("bounce_id", 1.5)).fieldErrors()).extracting(FieldError::field)
                .containsExactly("bounce_id");
        assertThat(invalid("get_domain", Map.of()).fieldErrors()).extracting(FieldError::field)
                .containsExactly("domain_id");
    }

    @Test
    void page_sizes_beyond_postmarks_limit_are_refused() {
        assertThat(invalid("list_bounces", Map.of("count", 501)).fieldErrors()).extracting(FieldError::field)
                .containsExactly("count");
        assertThat(invalid("search_outbound_messages", Map.of("from_date", "yesterday")).fieldErrors())
                .extracting(FieldError::field).containsExactly("from_date");
    }

    @Test
    void template_sends_need_a_template_and_a_model() {
        Map<String, Object> input = email();
        input.remove("text_body");
        input.remove("subject");
        assertThat(invalid("send_email_with_template", input).fieldErrors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("template_model", "template_id", "template_alias");
    }

    @Test
    void path_parameters_cannot_smuggle_paths() {
        assertThat(invalid("get_template", Map.of("template_alias", "../servers")).fieldErrors())
                .extracting(FieldError::field).containsExactly("template_alias");
        assertThat(invalid("list_suppressions", Map.of("message_stream", "outbound/../x")).fieldErrors())
                .extracting(FieldError::field).containsExactly("message_stream");
    }

    @Test
    void in_test_mode_only_sends_run_and_the_rest_say_why_without_calling_postmark() {
        for (ConnectorAction a : connector.actions()) {
            String name = a.descriptor().name();
            if (name.equals("send_email") || name.equals("send_email_batch")) {
                continue;
            }
            assertThatThrownBy(() -> a.execute(request(Mode.TEST, new HashMap<>())))
                    .as(name)
                    .isInstanceOfSatisfying(TestModeUnsupportedException.class, e -> {
                        assertThat(e.code()).isEqualTo("test_mode_unsupported");
                        assertThat(e.getMessage()).contains("POSTMARK_API_TEST");
                    });
        }
    }

    @Test
    void descriptors_say_what_each_action_does() {
        for (ConnectorAction a : connector.actions()) {
            ActionDescriptor d = a.descriptor();
            assertThat(d.description()).as(d.name()).isNotBlank();
        }
    }
}
