package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.connectorhub.postmark.PostmarkFakeSupport.both;
import static org.connectorhub.postmark.PostmarkFakeSupport.request;
import static org.connectorhub.postmark.PostmarkFakeSupport.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.ProviderRejectedException;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.TestModeUnsupportedException;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.fake.RecordedRequest;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.connectorhub.testkit.postmark.FakePostmark.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every action's mapping, checked on the wire (recorded requests) and on the output, against a fake Postmark. */
class PostmarkActionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private FakePostmark fake;
    private Connector connector;
    private Server live;
    private String accountToken;
    private Credentials credentials;

    @BeforeEach
    void start() {
        fake = FakePostmark.start();
        connector = PostmarkFakeSupport.connector(fake);
        live = fake.addServer("Main server");
        accountToken = fake.addAccountToken();
        credentials = both(live.serverToken(), accountToken);
    }

    @AfterEach
    void stop() {
        connector.close();
        fake.close();
    }

    private Object run(String action, Map<String, Object> input) {
        return connector.action(action).orElseThrow().execute(request(credentials, input));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object output) {
        assertThat(output).isInstanceOf(Map.class);
        return (Map<String, Object>) output;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object output) {
        assertThat(output).isInstanceOf(List.class);
        return (List<Map<String, Object>>) output;
    }

    private RecordedRequest only(String method, String path) {
        List<RecordedRequest> requests = fake.http().requests(method, path);
        assertThat(requests).as(method + " " + path).hasSize(1);
        return requests.get(0);
    }

    private static JsonNode body(RecordedRequest request) throws Exception {
        return JSON.readTree(request.body());
    }

    static Map<String, Object> email() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", "sender@example.com");
        input.put("to", "receiver@example.com");
        input.put("subject", "Hello");
        input.put("text_body", "Hi there");
        return input;
    }

    // ---- send_email ---------------------------------------------------------------------------

    @Test
    void send_email_maps_every_field_to_postmarks_wire_names() throws Exception {
        Map<String, Object> input = email();
        input.put("html_body", "<p>Hi</p>");
        input.put("cc", "cc1@example.com, cc2@example.com");
        input.put("bcc", "bcc@example.com");
        input.put("tag", "welcome");
        input.put("reply_to", "reply@example.com");
        input.put("headers", List.of(Map.of("name", "X-Campaign", "value", "spring")));
        input.put("track_opens", true);
        input.put("track_links", "HtmlAndText");
        input.put("metadata", Map.of("OrderId", "42"));
        input.put("attachments", List.of(Map.of("name", "a.txt", "content", "aGVsbG8=", "content_type", "text/plain")));
        input.put("message_stream", "outbound");

        Map<String, Object> out = map(run("send_email", input));

        RecordedRequest sent = only("POST", "/email");
        assertThat(sent.header("X-Postmark-Server-Token")).contains(live.serverToken());
        assertThat(sent.header("Accept")).contains("application/json");
        assertThat(sent.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode wire = body(sent);
        assertThat(wire.path("From").asText()).isEqualTo("sender@example.com");
        assertThat(wire.path("To").asText()).isEqualTo("receiver@example.com");
        assertThat(wire.path("Cc").asText()).isEqualTo("cc1@example.com,cc2@example.com");
        assertThat(wire.path("Bcc").asText()).isEqualTo("bcc@example.com");
        assertThat(wire.path("Subject").asText()).isEqualTo("Hello");
        assertThat(wire.path("TextBody").asText()).isEqualTo("Hi there");
        assertThat(wire.path("HtmlBody").asText()).isEqualTo("<p>Hi</p>");
        assertThat(wire.path("Tag").asText()).isEqualTo("welcome");
        assertThat(wire.path("ReplyTo").asText()).isEqualTo("reply@example.com");
        assertThat(wire.path("Headers").get(0).path("Name").asText()).isEqualTo("X-Campaign");
        assertThat(wire.path("Headers").get(0).path("Value").asText()).isEqualTo("spring");
        assertThat(wire.path("TrackOpens").asBoolean()).isTrue();
        assertThat(wire.path("TrackLinks").asText()).isEqualTo("HtmlAndText");
        assertThat(wire.path("Metadata").path("OrderId").asText()).isEqualTo("42");
        assertThat(wire.path("Attachments").get(0).path("Name").asText()).isEqualTo("a.txt");
        assertThat(wire.path("Attachments").get(0).path("Content").asText()).isEqualTo("aGVsbG8=");
        assertThat(wire.path("Attachments").get(0).path("ContentType").asText()).isEqualTo("text/plain");
        assertThat(wire.path("MessageStream").asText()).isEqualTo("outbound");
        assertThat(wire.has("text_body")).isFalse();

        assertThat(out).containsKeys("message_id", "submitted_at", "to", "error_code");
        assertThat(out.get("error_code")).isEqualTo(0);
        assertThat((String) out.get("message_id")).isNotBlank();
        assertThat(fake.sentEmailCount()).isEqualTo(1);
    }

    @Test
    void send_email_to_an_inactive_recipient_carries_postmarks_406() {
        fake.markInactive("receiver@example.com");
        Throwable thrown = catchThrowable(() -> run("send_email", email()));
        assertThat(thrown).isInstanceOfSatisfying(ProviderRejectedException.class, e -> {
            assertThat(e.providerErrorCode()).isEqualTo(406);
            assertThat(e.code()).isEqualTo("provider_rejected");
            assertThat(e.getMessage()).contains("406");
        });
    }

    @Test
    void send_email_is_not_retried_after_a_dropped_connection() {
        fake.http().faults().add("POST", "/email", Fault.dropConnection());
        assertThatThrownBy(() -> run("send_email", email())).isInstanceOf(ProviderUnavailableException.class);
        assertThat(fake.http().requests("POST", "/email")).hasSize(1);
    }

    @Test
    void send_email_is_not_retried_after_a_read_timeout() {
        fake.http().faults().add("POST", "/email", Fault.delay(PostmarkFakeSupport.SLOW));
        Connector shortTimeout = PostmarkFakeSupport.withShortReadTimeout(fake);
        try {
            assertThatThrownBy(() -> shortTimeout.action("send_email").orElseThrow()
                    .execute(request(credentials, email())))
                    .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("in time");
        } finally {
            shortTimeout.close();
        }
        // The client gave up before the fake answered: wait until the one send has arrived, then
        // check that no second one follows while the delayed answer is still pending.
        await().atMost(Duration.ofSeconds(10)).until(() -> !fake.http().requests("POST", "/email").isEmpty());
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
                .until(() -> fake.http().requests("POST", "/email").size() == 1);
    }

    @Test
    void send_email_is_not_retried_after_a_500() {
        fake.http().faults().add("POST", "/email", Fault.status(500));
        assertThatThrownBy(() -> run("send_email", email())).isInstanceOf(ProviderUnavailableException.class);
        assertThat(fake.http().requests("POST", "/email")).hasSize(1);
    }

    @Test
    void send_email_is_retried_once_postmark_said_429_with_retry_after() {
        fake.http().faults().add("POST", "/email", Fault.rateLimited(Duration.ofSeconds(1)).times(1));
        Map<String, Object> out = map(run("send_email", email()));
        assertThat(out.get("error_code")).isEqualTo(0);
        assertThat(fake.http().requests("POST", "/email")).hasSize(2);
        assertThat(fake.sentEmailCount()).isEqualTo(1);
    }

    @Test
    void send_email_gives_up_with_the_retry_after_when_postmark_asks_for_too_long_a_wait() {
        fake.http().faults().add("POST", "/email", Fault.rateLimited(Duration.ofSeconds(90)));
        Throwable thrown = catchThrowable(() -> run("send_email", email()));
        assertThat(thrown).isInstanceOfSatisfying(ProviderUnavailableException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(90)));
        assertThat(fake.http().requests("POST", "/email")).hasSize(1);
    }

    @Test
    void a_revoked_server_token_during_an_action_is_credentials_rejected() {
        fake.revoke(live.serverToken());
        assertThatThrownBy(() -> run("send_email", email())).isInstanceOf(CredentialsRevokedException.class)
                .hasMessageContaining("Server API Token");
    }

    @Test
    void a_revoked_account_token_during_an_account_action_names_the_account_token() {
        fake.revoke(accountToken);
        assertThatThrownBy(() -> run("list_servers", Map.of())).isInstanceOf(CredentialsRevokedException.class)
                .hasMessageContaining("Account API Token");
    }

    // ---- test mode ----------------------------------------------------------------------------

    @Test
    void send_email_in_test_mode_goes_to_postmark_with_the_test_token() {
        Map<String, Object> out = map(connector.action("send_email").orElseThrow()
                .execute(PostmarkFakeSupport.testModeRequest(email())));
        assertThat(only("POST", "/email").header("X-Postmark-Server-Token")).contains("POSTMARK_API_TEST");
        assertThat(out.get("error_code")).isEqualTo(0);
        assertThat(out).containsKey("message_id");
    }

    @Test
    void send_email_batch_in_test_mode_goes_to_postmark_with_the_test_token() {
        map(connector.action("send_email_batch").orElseThrow()
                .execute(PostmarkFakeSupport.testModeRequest(Map.of("messages", List.of(email(), email())))));
        assertThat(only("POST", "/email/batch").header("X-Postmark-Server-Token")).contains("POSTMARK_API_TEST");
    }

    @Test
    void other_actions_in_test_mode_fail_fast_without_calling_postmark() {
        for (String name : List.of("list_templates", "get_server", "list_bounces", "send_email_with_template",
                "list_servers", "create_domain")) {
            assertThatThrownBy(() -> connector.action(name).orElseThrow()
                    .execute(PostmarkFakeSupport.testModeRequest(Map.of())))
                    .as(name).isInstanceOf(TestModeUnsupportedException.class);
        }
        assertThat(fake.http().requests()).isEmpty();
    }

    @Test
    void invalid_input_never_reaches_postmark() {
        Map<String, Object> input = email();
        input.remove("from");
        assertThatThrownBy(() -> run("send_email", input))
                .isInstanceOf(org.connectorhub.core.domain.InvalidInputException.class);
        // too long a batch is the schema's to refuse (maxItems), in the core before the handler runs
        assertThat(fake.http().requests()).isEmpty();
    }

    // ---- batch and templates ------------------------------------------------------------------

    @Test
    void send_email_batch_sends_an_array_of_wire_messages_and_maps_each_result() throws Exception {
        Map<String, Object> second = email();
        second.put("to", "other@example.com");
        second.remove("text_body");
        second.put("html_body", "<b>x</b>");
        Map<String, Object> out = map(run("send_email_batch", Map.of("messages", List.of(email(), second))));

        JsonNode wire = body(only("POST", "/email/batch"));
        assertThat(wire.isArray()).isTrue();
        assertThat(wire).hasSize(2);
        assertThat(wire.get(0).path("To").asText()).isEqualTo("receiver@example.com");
        assertThat(wire.get(1).path("HtmlBody").asText()).isEqualTo("<b>x</b>");
        List<Map<String, Object>> results = list(out.get("results"));
        assertThat(results).hasSize(2);
        assertThat(results).allSatisfy(r -> assertThat(r).containsKeys("error_code", "message"));
        assertThat(fake.sentEmailCount()).isEqualTo(2);
    }

    @Test
    void a_batch_result_for_an_inactive_recipient_is_reported_per_message() {
        fake.markInactive("other@example.com");
        Map<String, Object> second = email();
        second.put("to", "other@example.com");
        List<Map<String, Object>> results = list(map(run("send_email_batch",
                Map.of("messages", List.of(email(), second)))).get("results"));
        assertThat(results.get(0).get("error_code")).isEqualTo(0);
        assertThat(results.get(1).get("error_code")).isEqualTo(406);
    }

    @Test
    void send_email_with_template_maps_template_fields() throws Exception {
        fake.addTemplate(live, "Welcome", "welcome");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("template_alias", "welcome");
        input.put("template_model", Map.of("userName", "Ann"));
        input.put("inline_css", true);
        input.put("from", "sender@example.com");
        input.put("to", "receiver@example.com");
        Map<String, Object> out = map(run("send_email_with_template", input));

        JsonNode wire = body(only("POST", "/email/withTemplate"));
        assertThat(wire.path("TemplateAlias").asText()).isEqualTo("welcome");
        assertThat(wire.path("TemplateModel").path("userName").asText()).isEqualTo("Ann");
        assertThat(wire.path("InlineCss").asBoolean()).isTrue();
        assertThat(wire.path("From").asText()).isEqualTo("sender@example.com");
        assertThat(out).containsKey("message_id");
    }

    @Test
    void list_templates_sends_paging_and_maps_the_page() {
        long id = fake.addTemplate(live, "Welcome", "welcome");
        Map<String, Object> out = map(run("list_templates", Map.of("count", 10, "template_type", "Standard")));
        RecordedRequest sent = only("GET", "/templates");
        assertThat(sent.queryParam("Count")).contains("10");
        assertThat(sent.queryParam("Offset")).contains("0");
        assertThat(sent.queryParam("TemplateType")).contains("Standard");
        assertThat(out.get("total_count")).isEqualTo(1);
        assertThat(list(out.get("templates"))).singleElement().satisfies(t -> {
            assertThat(((Number) t.get("template_id")).longValue()).isEqualTo(id);
            assertThat(t).containsEntry("name", "Welcome").containsEntry("alias", "welcome");
        });
    }

    @Test
    void get_template_by_id_and_by_alias() {
        long id = fake.addTemplate(live, "Welcome", "welcome");
        Map<String, Object> byId = map(run("get_template", Map.of("template_id", id)));
        assertThat(byId).containsEntry("name", "Welcome");
        assertThat(fake.http().requests("GET", "/templates/" + id)).hasSize(1);
        Map<String, Object> byAlias = map(run("get_template", Map.of("template_alias", "welcome")));
        assertThat(((Number) byAlias.get("template_id")).longValue()).isEqualTo(id);
        assertThat(fake.http().requests("GET", "/templates/welcome")).hasSize(1);
    }

    @Test
    void a_missing_template_is_not_found_or_rejected_with_postmarks_code() {
        Throwable thrown = catchThrowable(() -> run("get_template", Map.of("template_alias", "nope")));
        assertThat(thrown).isInstanceOfAny(org.connectorhub.core.domain.ProviderResourceNotFoundException.class,
                ProviderRejectedException.class);
    }

    // ---- messages, bounces, stats -------------------------------------------------------------

    @Test
    void search_outbound_messages_sends_the_filters_under_postmarks_names() {
        run("send_email", email());
        Map<String, Object> out = map(run("search_outbound_messages", Map.of("count", 20, "offset", 0,
                "recipient", "receiver@example.com", "from_email", "sender@example.com", "tag", "t",
                "from_date", "2024-01-01", "to_date", "2030-01-31", "message_stream", "outbound")));
        RecordedRequest sent = only("GET", "/messages/outbound");
        assertThat(sent.queryParam("count")).contains("20");
        assertThat(sent.queryParam("recipient")).contains("receiver@example.com");
        assertThat(sent.queryParam("fromemail")).contains("sender@example.com");
        assertThat(sent.queryParam("tag")).contains("t");
        assertThat(sent.queryParam("fromdate")).contains("2024-01-01");
        assertThat(sent.queryParam("todate")).contains("2030-01-31");
        assertThat(sent.queryParam("messagestream")).contains("outbound");
        assertThat(out).containsKeys("total_count", "messages");
    }

    @Test
    void get_outbound_message_reads_the_details_of_a_sent_message() {
        String messageId = (String) map(run("send_email", email())).get("message_id");
        Map<String, Object> out = map(run("get_outbound_message", Map.of("message_id", messageId)));
        assertThat(fake.http().requests("GET", "/messages/outbound/" + messageId + "/details")).hasSize(1);
        assertThat(out).containsEntry("message_id", messageId);
    }

    @Test
    void list_bounces_maps_filters_and_bounces() {
        long id = fake.addBounce(live, "bounced@example.com", "HardBounce");
        Map<String, Object> out = map(run("list_bounces", Map.of("count", 5, "type", "HardBounce", "inactive", true,
                "email_filter", "bounced")));
        RecordedRequest sent = only("GET", "/bounces");
        assertThat(sent.queryParam("count")).contains("5");
        assertThat(sent.queryParam("offset")).contains("0");
        assertThat(sent.queryParam("type")).contains("HardBounce");
        assertThat(sent.queryParam("inactive")).contains("true");
        assertThat(sent.queryParam("emailFilter")).contains("bounced");
        assertThat(out.get("total_count")).isEqualTo(1);
        assertThat(list(out.get("bounces"))).singleElement().satisfies(b -> {
            assertThat(((Number) b.get("id")).longValue()).isEqualTo(id);
            assertThat(b).containsEntry("email", "bounced@example.com").containsEntry("type", "HardBounce");
            assertThat(b).containsKeys("bounced_at", "inactive", "can_activate");
        });
    }

    @Test
    void get_and_activate_a_bounce() {
        long id = fake.addBounce(live, "bounced@example.com", "HardBounce");
        Map<String, Object> bounce = map(run("get_bounce", Map.of("bounce_id", id)));
        assertThat(bounce).containsEntry("email", "bounced@example.com");
        Map<String, Object> activated = map(run("activate_bounce", Map.of("bounce_id", id)));
        assertThat(only("PUT", "/bounces/" + id + "/activate")).isNotNull();
        assertThat(activated).containsKey("bounce");
    }

    @Test
    void get_delivery_stats_maps_the_counts() {
        fake.addBounce(live, "bounced@example.com", "HardBounce");
        Map<String, Object> out = map(run("get_delivery_stats", Map.of()));
        assertThat(only("GET", "/deliverystats")).isNotNull();
        assertThat(out).containsKeys("inactive_mails", "bounces");
    }

    @Test
    void list_message_streams_and_outbound_stats() {
        Map<String, Object> streams = map(run("list_message_streams", Map.of("message_stream_type", "All")));
        assertThat(only("GET", "/message-streams").queryParam("MessageStreamType")).contains("All");
        assertThat(streams).containsKey("message_streams");
        map(run("get_outbound_stats", Map.of("tag", "welcome", "from_date", "2024-01-01")));
        RecordedRequest stats = only("GET", "/stats/outbound");
        assertThat(stats.queryParam("tag")).contains("welcome");
        assertThat(stats.queryParam("fromdate")).contains("2024-01-01");
    }

    // ---- webhooks and suppressions ------------------------------------------------------------

    @Test
    void create_list_and_delete_a_webhook() throws Exception {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("url", "https://hooks.example.com/postmark");
        input.put("message_stream", "outbound");
        input.put("http_auth", Map.of("username", "u", "password", "p"));
        input.put("http_headers", List.of(Map.of("name", "X-Key", "value", "v")));
        input.put("triggers", Map.of("open", Map.of("enabled", true, "post_first_open_only", false),
                "bounce", Map.of("enabled", true, "include_content", true)));
        Map<String, Object> created = map(run("create_webhook", input));

        JsonNode wire = body(only("POST", "/webhooks"));
        assertThat(wire.path("Url").asText()).isEqualTo("https://hooks.example.com/postmark");
        assertThat(wire.path("MessageStream").asText()).isEqualTo("outbound");
        assertThat(wire.path("HttpAuth").path("Username").asText()).isEqualTo("u");
        assertThat(wire.path("HttpHeaders").get(0).path("Name").asText()).isEqualTo("X-Key");
        assertThat(wire.path("Triggers").path("Open").path("Enabled").asBoolean()).isTrue();
        assertThat(wire.path("Triggers").path("Open").path("PostFirstOpenOnly").asBoolean()).isFalse();
        assertThat(wire.path("Triggers").path("Bounce").path("IncludeContent").asBoolean()).isTrue();
        assertThat(created).containsKey("id");

        Map<String, Object> listed = map(run("list_webhooks", Map.of("message_stream", "outbound")));
        assertThat(only("GET", "/webhooks").queryParam("MessageStream")).contains("outbound");
        assertThat(list(listed.get("webhooks"))).hasSize(1);

        long id = ((Number) created.get("id")).longValue();
        run("delete_webhook", Map.of("webhook_id", id));
        assertThat(only("DELETE", "/webhooks/" + id)).isNotNull();
    }

    @Test
    void list_suppressions_reads_the_dump_of_a_stream() {
        Map<String, Object> out = map(run("list_suppressions", Map.of("message_stream", "outbound",
                "suppression_reason", "HardBounce")));
        RecordedRequest sent = only("GET", "/message-streams/outbound/suppressions/dump");
        assertThat(sent.queryParam("SuppressionReason")).contains("HardBounce");
        assertThat(out).containsKey("suppressions");
    }

    // ---- servers, signatures, domains ---------------------------------------------------------

    @Test
    void get_server_maps_the_server_and_never_returns_its_tokens() {
        Map<String, Object> out = map(run("get_server", Map.of()));
        assertThat(out).containsEntry("name", "Main server").doesNotContainKey("api_tokens");
        assertThat(((Number) out.get("id")).longValue()).isEqualTo(live.id());
        assertThat(out.toString()).doesNotContain(live.serverToken());
    }

    @Test
    void list_servers_and_get_server_by_id_never_return_tokens() {
        Server other = fake.addServer("Second");
        Map<String, Object> out = map(run("list_servers", Map.of("count", 10, "name", "Sec")));
        RecordedRequest sent = only("GET", "/servers");
        assertThat(sent.header("X-Postmark-Account-Token")).contains(accountToken);
        assertThat(sent.queryParam("count")).contains("10");
        assertThat(sent.queryParam("offset")).contains("0");
        assertThat(sent.queryParam("name")).contains("Sec");
        assertThat(out).containsKeys("total_count", "servers");
        assertThat(out.toString()).doesNotContain(live.serverToken()).doesNotContain(other.serverToken())
                .doesNotContain("api_tokens");

        Map<String, Object> byId = map(run("get_server_by_id", Map.of("server_id", other.id())));
        assertThat(byId).containsEntry("name", "Second").doesNotContainKey("api_tokens");
        assertThat(byId.toString()).doesNotContain(other.serverToken());
    }

    @Test
    void create_server_maps_its_fields_and_hides_the_new_tokens() throws Exception {
        Map<String, Object> out = map(run("create_server", Map.of("name", "New", "color", "Blue",
                "delivery_type", "Sandbox", "smtp_api_activated", true)));
        JsonNode wire = body(only("POST", "/servers"));
        assertThat(wire.path("Name").asText()).isEqualTo("New");
        assertThat(wire.path("Color").asText()).isEqualTo("Blue");
        assertThat(wire.path("DeliveryType").asText()).isEqualTo("Sandbox");
        assertThat(wire.path("SmtpApiActivated").asBoolean()).isTrue();
        assertThat(out).containsEntry("name", "New").doesNotContainKey("api_tokens");
        for (Server s : fake.servers()) {
            assertThat(out.toString()).doesNotContain(s.serverToken());
        }
    }

    @Test
    void sender_signatures_list_and_create() throws Exception {
        fake.addSenderSignature("a@example.com", "A", true);
        Map<String, Object> listed = map(run("list_sender_signatures", Map.of()));
        assertThat(only("GET", "/senders").queryParam("count")).contains("100");
        assertThat(listed.get("total_count")).isEqualTo(1);
        assertThat(list(listed.get("sender_signatures"))).singleElement().satisfies(s -> {
            assertThat(s).containsEntry("email_address", "a@example.com").containsEntry("confirmed", true);
        });
        Map<String, Object> created = map(run("create_sender_signature", Map.of("from_email", "b@example.com",
                "name", "B", "reply_to_email", "r@example.com")));
        JsonNode wire = body(only("POST", "/senders"));
        assertThat(wire.path("FromEmail").asText()).isEqualTo("b@example.com");
        assertThat(wire.path("Name").asText()).isEqualTo("B");
        assertThat(wire.path("ReplyToEmail").asText()).isEqualTo("r@example.com");
        assertThat(created).containsEntry("email_address", "b@example.com");
    }

    @Test
    void domains_list_get_create_and_verify_dkim() throws Exception {
        long id = fake.addDomain("example.com");
        Map<String, Object> listed = map(run("list_domains", Map.of("count", 10)));
        assertThat(list(listed.get("domains"))).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("name", "example.com").containsKeys("spf_verified", "dkim_verified",
                    "return_path_domain_verified");
        });
        Map<String, Object> domain = map(run("get_domain", Map.of("domain_id", id)));
        assertThat(domain).containsEntry("name", "example.com");
        Map<String, Object> created = map(run("create_domain", Map.of("name", "new.example.org",
                "return_path_domain", "pm-bounces.new.example.org")));
        JsonNode wire = body(only("POST", "/domains"));
        assertThat(wire.path("Name").asText()).isEqualTo("new.example.org");
        assertThat(wire.path("ReturnPathDomain").asText()).isEqualTo("pm-bounces.new.example.org");
        assertThat(created).containsEntry("name", "new.example.org");
        map(run("verify_domain_dkim", Map.of("domain_id", id)));
        assertThat(only("PUT", "/domains/" + id + "/verifyDkim")).isNotNull();
    }

    @Test
    void a_missing_domain_is_a_typed_error_not_a_crash() {
        Throwable thrown = catchThrowable(() -> run("get_domain", Map.of("domain_id", 999_999)));
        assertThat(thrown).isInstanceOfAny(org.connectorhub.core.domain.ProviderResourceNotFoundException.class,
                ProviderRejectedException.class);
    }
}
