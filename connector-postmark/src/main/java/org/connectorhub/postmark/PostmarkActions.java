package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.postmark.PostmarkCredentialSchema.SCOPE_ACCOUNT;
import static org.connectorhub.postmark.PostmarkCredentialSchema.SCOPE_SERVER;
import static org.connectorhub.postmark.PostmarkParam.anyObject;
import static org.connectorhub.postmark.PostmarkParam.bool;
import static org.connectorhub.postmark.PostmarkParam.integer;
import static org.connectorhub.postmark.PostmarkParam.object;
import static org.connectorhub.postmark.PostmarkParam.objectList;
import static org.connectorhub.postmark.PostmarkParam.recipients;
import static org.connectorhub.postmark.PostmarkParam.string;
import static org.connectorhub.postmark.PostmarkParam.stringMap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.spi.ConnectorAction;

/**
 * The Postmark action catalogue: names, scopes, input schemas and the calls behind them. Inputs
 * and outputs are snake_case; Postmark's wire names appear only here and in the API interfaces.
 */
final class PostmarkActions {
    static final int MAX_BATCH = 500;
    static final int MAX_RECIPIENTS = 50;
    static final int MAX_PAGE = 500;

    private static final String DATE = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?)?$";
    private static final String DATE_HINT = "must be a date like 2024-01-31 (or 2024-01-31T12:00:00).";
    private static final String STREAM = "^[a-z0-9][a-z0-9_-]{0,99}$";
    private static final String STREAM_HINT = "must be a message stream ID such as outbound (lower-case letters, "
            + "digits, - and _).";
    private static final String ALIAS = "^[A-Za-z][A-Za-z0-9._-]{0,99}$";
    private static final String ALIAS_HINT = "must be a template alias: a letter, then letters, digits, '.', '-' or '_'.";
    private static final String MESSAGE_ID = "^[0-9a-fA-F-]{1,64}$";
    private static final String MESSAGE_ID_HINT = "must be a Postmark MessageID (a UUID).";
    private static final String TRACK_LINKS_HELP = "Link tracking: None, HtmlAndText, HtmlOnly or TextOnly.";
    private static final String[] TRACK_LINKS = {"None", "HtmlAndText", "HtmlOnly", "TextOnly"};

    private static final String TEST_TOKEN_HAS_NO_SERVER = "Postmark's test token (POSTMARK_API_TEST) only validates "
            + "sends and belongs to no server, so ";
    private static final String LINK_REAL = " Link the account with a real Server API Token to use it.";

    // hints for agents (MCP tool annotations, sending limits); every other action writes without deleting
    private static final Set<String> READ_ONLY = Set.of("list_templates", "get_template", "search_outbound_messages",
            "get_outbound_message", "list_bounces", "get_bounce", "get_delivery_stats", "list_message_streams",
            "get_outbound_stats", "list_webhooks", "list_suppressions", "get_server", "list_servers", "get_server_by_id",
            "list_sender_signatures", "list_domains", "get_domain");
    private static final Set<String> DESTRUCTIVE = Set.of("delete_webhook");
    private static final Set<String> SENDS = Set.of("send_email", "send_email_batch", "send_email_with_template");

    private final PostmarkClients clients;
    private final List<ConnectorAction> actions;

    PostmarkActions(PostmarkClients clients) {
        this.clients = requireNonNull(clients, "clients is null");
        this.actions = List.copyOf(catalogue());
    }

    List<ConnectorAction> all() {
        return actions;
    }

    // ---- input shapes -------------------------------------------------------------------------

    private static PostmarkShape header() {
        return PostmarkShape.of(
                string("name", "Name", "Header name.").required().maxSize(1000),
                string("value", "Value", "Header value.").required().maxSize(10_000));
    }

    private static PostmarkShape attachment() {
        return PostmarkShape.of(
                string("name", "Name", "File name, e.g. readme.txt.").required().maxSize(1000),
                string("content", "Content", "The file, base64-encoded.").required()
                        .pattern("^[A-Za-z0-9+/=\\s]+$", "must be base64-encoded."),
                string("content_type", "ContentType", "MIME type, e.g. text/plain.").required().maxSize(255),
                string("content_id", "ContentID", "For inline images: cid:name.").maxSize(1000));
    }

    private static List<PostmarkParam> addressing() {
        return new ArrayList<>(List.of(
                string("from", "From", "Sender: a confirmed sender signature, e.g. \"Name <sender@example.com>\".")
                        .required().email().maxSize(1000),
                recipients("to", "To", "Recipients.", MAX_RECIPIENTS).required(),
                recipients("cc", "Cc", "Cc recipients.", MAX_RECIPIENTS),
                recipients("bcc", "Bcc", "Bcc recipients.", MAX_RECIPIENTS),
                string("tag", "Tag", "A tag to group messages by.").maxSize(1000),
                string("reply_to", "ReplyTo", "Reply-To address.").email().maxSize(1000),
                objectList("headers", "Headers", "Extra email headers.", header()).maxSize(100),
                bool("track_opens", "TrackOpens", "Track opens."),
                string("track_links", "TrackLinks", TRACK_LINKS_HELP).oneOf(TRACK_LINKS),
                stringMap("metadata", "Metadata", "Your own key/value data, kept with the message."),
                objectList("attachments", "Attachments", "Files to attach.", attachment()).maxSize(100),
                string("message_stream", "MessageStream", "Message stream ID; Postmark uses outbound when absent.")
                        .pattern(STREAM, STREAM_HINT)));
    }

    static PostmarkShape email() {
        List<PostmarkParam> params = addressing();
        params.add(5, string("subject", "Subject", "Subject line.").maxSize(2000));
        params.add(6, string("html_body", "HtmlBody", "HTML body; give it, text_body or both."));
        params.add(7, string("text_body", "TextBody", "Plain-text body; give it, html_body or both."));
        return PostmarkShape.of(params).requireOneOf("html_body", "text_body");
    }

    static PostmarkShape templatedEmail() {
        List<PostmarkParam> params = new ArrayList<>();
        params.add(integer("template_id", "TemplateId", "The template's ID; or give template_alias.").minimum(1));
        params.add(string("template_alias", "TemplateAlias", "The template's alias; or give template_id.")
                .pattern(ALIAS, ALIAS_HINT));
        params.add(anyObject("template_model", "TemplateModel", "The values the template refers to.").required());
        params.add(bool("inline_css", "InlineCss", "Inline the template's CSS (default true)."));
        params.addAll(addressing());
        return PostmarkShape.of(params).requireOneOf("template_id", "template_alias");
    }

    private static PostmarkParam count(int defaultCount) {
        return integer("count", "count", "How many to return (1 to " + MAX_PAGE + ").").range(1, MAX_PAGE)
                .defaultsTo((long) defaultCount);
    }

    private static PostmarkParam offset() {
        return integer("offset", "offset", "How many to skip.").range(0, 100_000).defaultsTo(0L);
    }

    private static PostmarkParam date(String name, String wire, String description) {
        return string(name, wire, description).pattern(DATE, DATE_HINT);
    }

    private static PostmarkParam id(String name, String description) {
        return integer(name, name, description).required().minimum(1);
    }

    // ---- the catalogue ------------------------------------------------------------------------

    private List<ConnectorAction> catalogue() {
        List<ConnectorAction> list = new ArrayList<>();

        list.add(server("send_email", "Send one email.", false, email(), null,
                (api, token, w) -> api.sendEmail(token, w)));
        list.add(server("send_email_batch", "Send up to " + MAX_BATCH + " emails in one request; each message "
                        + "gets its own result.", false,
                PostmarkShape.of(objectList("messages", "Messages", "The emails, at most " + MAX_BATCH + ".", email())
                        .required().maxSize(MAX_BATCH)),
                null,
                (api, token, w) -> api.sendEmailBatch(token, maps(w.get("Messages"))),
                results -> Map.of("results", results)));
        list.add(server("send_email_with_template", "Send one email rendered from a template.", false,
                templatedEmail(),
                TEST_TOKEN_HAS_NO_SERVER + "it has no templates to send with.",
                (api, token, w) -> api.sendEmailWithTemplate(token, w)));
        list.add(server("list_templates", "List the server's templates.", true,
                PostmarkShape.of(
                        integer("count", "Count", "How many to return (1 to " + MAX_PAGE + ").").range(1, MAX_PAGE)
                                .defaultsTo(100L),
                        integer("offset", "Offset", "How many to skip.").range(0, 100_000).defaultsTo(0L),
                        string("template_type", "TemplateType", "All, Standard or Layout.")
                                .oneOf("All", "Standard", "Layout")),
                TEST_TOKEN_HAS_NO_SERVER + "it has no templates.",
                (api, token, w) -> api.templates(token, w)));
        list.add(server("get_template", "Get one template by ID or alias.", true,
                PostmarkShape.of(
                        integer("template_id", "TemplateId", "The template's ID; or give template_alias.").minimum(1),
                        string("template_alias", "TemplateAlias", "The template's alias; or give template_id.")
                                .pattern(ALIAS, ALIAS_HINT))
                        .requireOneOf("template_id", "template_alias"),
                TEST_TOKEN_HAS_NO_SERVER + "it has no templates.",
                (api, token, w) -> api.template(token, String.valueOf(w.containsKey("TemplateId") ? w.get("TemplateId")
                        : w.get("TemplateAlias")))));
        list.add(server("search_outbound_messages", "Search the messages the server sent.", true,
                PostmarkShape.of(count(50), offset(),
                        string("recipient", "recipient", "Only messages to this address.").maxSize(1000),
                        string("from_email", "fromemail", "Only messages from this address.").maxSize(1000),
                        string("tag", "tag", "Only messages with this tag.").maxSize(1000),
                        string("status", "status", "queued, sent or processed.").oneOf("queued", "sent", "processed"),
                        date("from_date", "fromdate", "Only messages sent on or after this date."),
                        date("to_date", "todate", "Only messages sent up to this date."),
                        string("message_stream", "messagestream", "Only this message stream.").pattern(STREAM, STREAM_HINT)),
                TEST_TOKEN_HAS_NO_SERVER + "there are no sent messages to search.",
                (api, token, w) -> api.outboundMessages(token, w)));
        list.add(server("get_outbound_message", "Get the details of one sent message.", true,
                PostmarkShape.of(string("message_id", "MessageID", "The message's MessageID.").required()
                        .pattern(MESSAGE_ID, MESSAGE_ID_HINT)),
                TEST_TOKEN_HAS_NO_SERVER + "there are no sent messages to read.",
                (api, token, w) -> api.outboundMessage(token, (String) w.get("MessageID"))));
        list.add(server("list_bounces", "List the server's bounces.", true,
                PostmarkShape.of(count(50), offset(),
                        string("type", "type", "Bounce type, e.g. HardBounce.").maxSize(100),
                        bool("inactive", "inactive", "Only bounces that deactivated the address (or only those that did not)."),
                        string("email_filter", "emailFilter", "Only addresses containing this text.").maxSize(1000),
                        string("tag", "tag", "Only bounces with this tag.").maxSize(1000),
                        string("message_id", "messageID", "Only the bounce of this message.").pattern(MESSAGE_ID,
                                MESSAGE_ID_HINT),
                        date("from_date", "fromdate", "Only bounces on or after this date."),
                        date("to_date", "todate", "Only bounces up to this date."),
                        string("message_stream", "messagestream", "Only this message stream.").pattern(STREAM, STREAM_HINT)),
                TEST_TOKEN_HAS_NO_SERVER + "there are no bounces.",
                (api, token, w) -> api.bounces(token, w)));
        list.add(server("get_bounce", "Get one bounce.", true,
                PostmarkShape.of(id("bounce_id", "The bounce's ID.")),
                TEST_TOKEN_HAS_NO_SERVER + "there are no bounces.",
                (api, token, w) -> api.bounce(token, (Long) w.get("bounce_id"))));
        list.add(server("activate_bounce", "Reactivate an address deactivated by a bounce, so it can be sent to again.",
                true,
                PostmarkShape.of(id("bounce_id", "The bounce's ID.")),
                TEST_TOKEN_HAS_NO_SERVER + "there are no bounces.",
                (api, token, w) -> api.activateBounce(token, (Long) w.get("bounce_id"))));
        list.add(server("get_delivery_stats", "Count inactive addresses and bounces by type.", true,
                PostmarkShape.empty(),
                TEST_TOKEN_HAS_NO_SERVER + "there are no delivery stats.",
                (api, token, w) -> api.deliveryStats(token)));
        list.add(server("list_message_streams", "List the server's message streams.", true,
                PostmarkShape.of(
                        string("message_stream_type", "MessageStreamType", "All, Transactional, Broadcasts or Inbound.")
                                .oneOf("All", "Transactional", "Broadcasts", "Inbound"),
                        bool("include_archived_streams", "IncludeArchivedStreams", "Include archived streams.")),
                TEST_TOKEN_HAS_NO_SERVER + "it has no message streams.",
                (api, token, w) -> api.messageStreams(token, w)));
        list.add(server("get_outbound_stats", "Sending statistics: sent, bounced, spam complaints, opens, clicks.",
                true,
                PostmarkShape.of(
                        string("tag", "tag", "Only messages with this tag.").maxSize(1000),
                        date("from_date", "fromdate", "From this date."),
                        date("to_date", "todate", "Up to this date."),
                        string("message_stream", "messagestream", "Only this message stream.").pattern(STREAM, STREAM_HINT)),
                TEST_TOKEN_HAS_NO_SERVER + "there are no stats.",
                (api, token, w) -> api.outboundStats(token, w)));
        list.add(server("list_webhooks", "List the server's webhooks.", true,
                PostmarkShape.of(string("message_stream", "MessageStream", "Only this message stream.")
                        .pattern(STREAM, STREAM_HINT)),
                TEST_TOKEN_HAS_NO_SERVER + "it has no webhooks.",
                (api, token, w) -> api.webhooks(token, w)));
        list.add(server("create_webhook", "Create a webhook that Postmark calls on the chosen events.", false,
                webhook(),
                TEST_TOKEN_HAS_NO_SERVER + "it cannot hold webhooks.",
                (api, token, w) -> api.createWebhook(token, w)));
        list.add(server("delete_webhook", "Delete a webhook.", false,
                PostmarkShape.of(id("webhook_id", "The webhook's ID.")),
                TEST_TOKEN_HAS_NO_SERVER + "it has no webhooks.",
                (api, token, w) -> api.deleteWebhook(token, (Long) w.get("webhook_id"))));
        list.add(server("list_suppressions", "List the addresses suppressed on a message stream.", true,
                PostmarkShape.of(
                        string("message_stream", "message_stream", "Message stream ID.").pattern(STREAM, STREAM_HINT)
                                .defaultsTo("outbound"),
                        string("suppression_reason", "SuppressionReason", "HardBounce, SpamComplaint or ManualSuppression.")
                                .oneOf("HardBounce", "SpamComplaint", "ManualSuppression"),
                        string("origin", "Origin", "Recipient, Customer or Admin.").oneOf("Recipient", "Customer", "Admin"),
                        date("from_date", "fromdate", "Suppressed on or after this date."),
                        date("to_date", "todate", "Suppressed up to this date."),
                        string("email_address", "EmailAddress", "Only this address.").maxSize(1000)),
                TEST_TOKEN_HAS_NO_SERVER + "it has no message streams.",
                (api, token, w) -> {
                    Map<String, Object> query = new LinkedHashMap<>(w);
                    String stream = (String) query.remove("message_stream");
                    return api.suppressions(token, stream, query);
                }));
        list.add(server("get_server", "The server this token belongs to (without its API tokens).", true,
                PostmarkShape.empty(),
                TEST_TOKEN_HAS_NO_SERVER + "there is no server to read.",
                (api, token, w) -> api.serverDetails(token)));

        String accountInTest = "Account actions are not available on a test-mode account: it was linked with "
                + "Postmark's test token (POSTMARK_API_TEST), which belongs to no server or account." + LINK_REAL;
        list.add(account("list_servers", "List the account's servers.", true,
                PostmarkShape.of(count(100), offset(), string("name", "name", "Only servers whose name contains this.")
                        .maxSize(1000)),
                accountInTest, (api, token, w) -> api.servers(token, w)));
        list.add(account("get_server_by_id", "Get one server of the account (without its API tokens).", true,
                PostmarkShape.of(id("server_id", "The server's ID.")),
                accountInTest, (api, token, w) -> api.server(token, (Long) w.get("server_id"))));
        list.add(account("create_server", "Create a server (its API tokens are not returned; read them in Postmark).",
                false, newServer(), accountInTest, (api, token, w) -> api.createServer(token, w)));
        list.add(account("list_sender_signatures", "List the account's sender signatures.", true,
                PostmarkShape.of(count(100), offset()),
                accountInTest, (api, token, w) -> api.senderSignatures(token, w)));
        list.add(account("create_sender_signature", "Create a sender signature; Postmark emails a confirmation link.",
                false,
                PostmarkShape.of(
                        string("from_email", "FromEmail", "The sender address.").required().email().maxSize(1000),
                        string("name", "Name", "The sender name.").required().maxSize(1000),
                        string("reply_to_email", "ReplyToEmail", "Reply-To address.").email().maxSize(1000),
                        string("return_path_domain", "ReturnPathDomain", "A custom Return-Path domain.").maxSize(255),
                        string("confirmation_personal_note", "ConfirmationPersonalNote",
                                "A note added to the confirmation email.").maxSize(400)),
                accountInTest, (api, token, w) -> api.createSenderSignature(token, w)));
        list.add(account("list_domains", "List the account's domains.", true,
                PostmarkShape.of(count(100), offset()),
                accountInTest, (api, token, w) -> api.domains(token, w)));
        list.add(account("get_domain", "Get one domain with its DNS verification state.", true,
                PostmarkShape.of(id("domain_id", "The domain's ID.")),
                accountInTest, (api, token, w) -> api.domain(token, (Long) w.get("domain_id"))));
        list.add(account("create_domain", "Add a domain to the account.", false,
                PostmarkShape.of(
                        string("name", "Name", "The domain, e.g. example.com.").required().maxSize(255)
                                .pattern("^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$", "must be a domain name like example.com."),
                        string("return_path_domain", "ReturnPathDomain", "A custom Return-Path domain.").maxSize(255)),
                accountInTest, (api, token, w) -> api.createDomain(token, w)));
        list.add(account("verify_domain_dkim", "Ask Postmark to check the domain's DKIM DNS record now.", true,
                PostmarkShape.of(id("domain_id", "The domain's ID.")),
                accountInTest, (api, token, w) -> api.verifyDomainDkim(token, (Long) w.get("domain_id"))));
        return list;
    }

    private static PostmarkShape webhook() {
        PostmarkShape enabled = PostmarkShape.of(bool("enabled", "Enabled", "Send this event.").required());
        return PostmarkShape.of(
                string("url", "Url", "Where Postmark posts the events (http or https).").required().maxSize(2000)
                        .pattern("^https?://\\S+$", "must be an http(s) URL."),
                string("message_stream", "MessageStream", "The message stream (default outbound).")
                        .pattern(STREAM, STREAM_HINT),
                object("http_auth", "HttpAuth", "Basic auth Postmark sends with each call.", PostmarkShape.of(
                        string("username", "Username", "User name.").required().maxSize(1000),
                        string("password", "Password", "Password.").required().maxSize(1000))),
                objectList("http_headers", "HttpHeaders", "Headers Postmark sends with each call.", header())
                        .maxSize(50),
                object("triggers", "Triggers", "Which events to send.", PostmarkShape.of(
                        object("open", "Open", "Opens.", PostmarkShape.of(
                                bool("enabled", "Enabled", "Send opens.").required(),
                                bool("post_first_open_only", "PostFirstOpenOnly", "Only the first open."))),
                        object("click", "Click", "Link clicks.", enabled),
                        object("delivery", "Delivery", "Deliveries.", enabled),
                        object("bounce", "Bounce", "Bounces.", PostmarkShape.of(
                                bool("enabled", "Enabled", "Send bounces.").required(),
                                bool("include_content", "IncludeContent", "Include the message content."))),
                        object("spam_complaint", "SpamComplaint", "Spam complaints.", PostmarkShape.of(
                                bool("enabled", "Enabled", "Send spam complaints.").required(),
                                bool("include_content", "IncludeContent", "Include the message content."))),
                        object("subscription_change", "SubscriptionChange", "Subscription changes.", enabled))));
    }

    private static PostmarkShape newServer() {
        return PostmarkShape.of(
                string("name", "Name", "The server's name.").required().maxSize(1000),
                string("color", "Color", "Purple, Blue, Turquoise, Green, Red, Yellow, Grey or Orange.")
                        .oneOf("Purple", "Blue", "Turquoise", "Green", "Red", "Yellow", "Grey", "Orange"),
                string("delivery_type", "DeliveryType", "Live or Sandbox (accepts but never delivers).")
                        .oneOf("Live", "Sandbox"),
                bool("smtp_api_activated", "SmtpApiActivated", "Allow sending over SMTP."),
                bool("raw_email_enabled", "RawEmailEnabled", "Include raw content in inbound webhooks."),
                bool("track_opens", "TrackOpens", "Track opens by default."),
                string("track_links", "TrackLinks", TRACK_LINKS_HELP).oneOf(TRACK_LINKS),
                string("inbound_hook_url", "InboundHookUrl", "Inbound webhook URL.").maxSize(2000),
                string("bounce_hook_url", "BounceHookUrl", "Bounce webhook URL.").maxSize(2000),
                string("open_hook_url", "OpenHookUrl", "Open webhook URL.").maxSize(2000),
                string("delivery_hook_url", "DeliveryHookUrl", "Delivery webhook URL.").maxSize(2000),
                string("inbound_domain", "InboundDomain", "Inbound domain.").maxSize(255),
                integer("inbound_spam_threshold", "InboundSpamThreshold", "Inbound spam threshold (0 to 30).")
                        .range(0, 30));
    }

    // ---- builders -----------------------------------------------------------------------------

    /** A call on the server API, given the one shared client, the request's server token and the wire input. */
    @FunctionalInterface
    interface ServerCall {
        JsonNode call(PostmarkServerApi api, String token, Map<String, Object> wire);
    }

    /** A call on the account API, given the one shared client, the request's account token and the wire input. */
    @FunctionalInterface
    interface AccountCall {
        JsonNode call(PostmarkAccountApi api, String token, Map<String, Object> wire);
    }

    private ConnectorAction server(String name, String description, boolean idempotent, PostmarkShape input,
            String refusalInTest, ServerCall call) {
        return server(name, description, idempotent, input, refusalInTest, call, Function.identity());
    }

    private ConnectorAction server(String name, String description, boolean idempotent, PostmarkShape input,
            String refusalInTest, ServerCall call, Function<Object, Object> output) {
        return action(name, description, SCOPE_SERVER, idempotent, input,
                Optional.ofNullable(refusalInTest).map(r -> r + LINK_REAL),
                (tokens, wire) -> call.call(clients.server(), tokens.server(), wire), output);
    }

    private ConnectorAction account(String name, String description, boolean idempotent, PostmarkShape input,
            String refusalInTest, AccountCall call) {
        return action(name, description, SCOPE_ACCOUNT, idempotent, input, Optional.of(refusalInTest),
                (tokens, wire) -> call.call(clients.account(), tokens.account(), wire), Function.identity());
    }

    private ConnectorAction action(String name, String description, String scope, boolean idempotent,
            PostmarkShape input, Optional<String> refusalInTest, PostmarkAction.Call call,
            Function<Object, Object> output) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.putAll(input.jsonSchema());
        ActionDescriptor descriptor = ActionDescriptor.builder()
                .name(name)
                .description(description)
                .scope(scope)
                .inputSchema(schema)
                .idempotent(idempotent)
                .readOnly(READ_ONLY.contains(name))
                .destructive(DESTRUCTIVE.contains(name))
                .sends(SENDS.contains(name))
                .build();
        return new PostmarkAction(descriptor, input, refusalInTest, call, output);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return (List<Map<String, Object>>) list;
    }
}
