package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.connectorhub.testkit.postmark.FakePostmark.Server;
import org.connectorhub.testkit.postmark.PostmarkAddresses.Address;

import static org.connectorhub.testkit.postmark.PostmarkWire.date;
import static org.connectorhub.testkit.postmark.PostmarkWire.object;

/** The fake's mutable state, guarded by {@link FakePostmark}'s lock; never handed out. */
final class PostmarkModel {
    private PostmarkModel() {
    }

    static final class ServerState {
        final long id;
        String name;
        final String deliveryType;
        final List<String> tokens = new ArrayList<>();
        final String inboundHash;
        final ObjectNode settings = object();
        final List<TemplateState> templates = new ArrayList<>();
        final List<BounceState> bounces = new ArrayList<>();
        final List<MessageState> messages = new ArrayList<>();
        final List<ObjectNode> webhooks = new ArrayList<>();
        final List<ObjectNode> streams = new ArrayList<>();

        ServerState(long id, String name, String deliveryType, String token) {
            this.id = id;
            this.name = name;
            this.deliveryType = deliveryType;
            this.tokens.add(token);
            this.inboundHash = UUID.nameUUIDFromBytes(("inbound-" + id).getBytes(StandardCharsets.UTF_8))
                    .toString().replace("-", "");
            settings.put("Color", "purple");
            settings.put("SmtpApiActivated", true);
            settings.put("RawEmailEnabled", false);
            settings.put("InboundHookUrl", "");
            settings.put("BounceHookUrl", "");
            settings.put("OpenHookUrl", "");
            settings.put("DeliveryHookUrl", "");
            settings.put("ClickHookUrl", "");
            settings.put("PostFirstOpenOnly", false);
            settings.put("InboundDomain", "");
            settings.put("InboundSpamThreshold", 0);
            settings.put("TrackOpens", false);
            settings.put("TrackLinks", "None");
            settings.put("IncludeBounceContentInHook", false);
            settings.put("EnableSmtpApiErrorHooks", false);
            streams.add(stream("outbound", "Default Transactional Stream", "Transactional"));
            streams.add(stream("inbound", "Default Inbound Stream", "Inbound"));
            streams.add(stream("broadcast", "Default Broadcast Stream", "Broadcasts"));
        }

        static ObjectNode stream(String id, String name, String type) {
            ObjectNode stream = object();
            stream.put("ID", id);
            stream.put("Name", name);
            stream.put("Description", "");
            stream.put("MessageStreamType", type);
            stream.put("CreatedAt", date(Instant.parse("2026-01-01T12:00:00Z")));
            stream.putNull("UpdatedAt");
            stream.putNull("ArchivedAt");
            stream.putNull("ExpectedPurgeDate");
            stream.putObject("SubscriptionManagementConfiguration").put("UnsubscribeHandlingType",
                    type.equals("Broadcasts") ? "Postmark" : "None");
            return stream;
        }

        Server toServer() {
            return new Server(id, name, tokens.isEmpty() ? "" : tokens.get(0), deliveryType);
        }
    }

    static final class TemplateState {
        final long id;
        final String name;
        final String alias;
        final String subject;
        final String htmlBody;
        final String textBody;
        final String type = "Standard";
        final boolean active = true;

        TemplateState(long id, String name, String alias, String subject, String htmlBody, String textBody) {
            this.id = id;
            this.name = name;
            this.alias = alias;
            this.subject = subject;
            this.htmlBody = htmlBody;
            this.textBody = textBody;
        }
    }

    record BounceKind(int code, String name, String description, boolean deactivates) {
    }

    static final class BounceState {
        final long id;
        final String type;
        final BounceKind kind;
        final String email;
        final Instant bouncedAt;
        final String messageId = UUID.randomUUID().toString();
        boolean inactive;

        BounceState(long id, String type, BounceKind kind, String email, Instant bouncedAt) {
            this.id = id;
            this.type = type;
            this.kind = kind;
            this.email = email;
            this.bouncedAt = bouncedAt;
            this.inactive = kind.deactivates();
        }
    }

    record Recipients(Address from, List<Address> to, List<Address> cc, List<Address> bcc) {
        List<Address> all() {
            List<Address> all = new ArrayList<>(to);
            all.addAll(cc);
            all.addAll(bcc);
            return all;
        }
    }

    static final class MessageState {
        final String id;
        final ObjectNode message;
        final Recipients recipients;
        final String subject;
        final String html;
        final String text;
        final Instant receivedAt;

        MessageState(String id, ObjectNode message, Recipients recipients, String subject, String html, String text,
                Instant receivedAt) {
            this.id = id;
            this.message = message.deepCopy();
            this.recipients = recipients;
            this.subject = subject;
            this.html = html;
            this.text = text;
            this.receivedAt = receivedAt;
        }

        String text(String field) {
            JsonNode value = message.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        String stream() {
            return Optional.ofNullable(text("MessageStream")).orElse("outbound");
        }
    }

    static Map<String, BounceKind> bounceKinds() {
        Map<String, BounceKind> kinds = new LinkedHashMap<>();
        kinds.put("HardBounce", new BounceKind(1, "Hard bounce", "The server was unable to deliver your message (ex: unknown user, mailbox not found).", true));
        kinds.put("Transient", new BounceKind(2, "Message delayed", "The server could not temporarily deliver your message (ex: Message is delayed due to network troubles).", false));
        kinds.put("Unsubscribe", new BounceKind(16, "Unsubscribe request", "Unsubscribe or Remove request.", false));
        kinds.put("AutoResponder", new BounceKind(64, "Auto responder", "Automatic email responder (ex: \"Out of Office\" or \"On Vacation\").", false));
        kinds.put("DnsError", new BounceKind(256, "DNS error", "A temporary DNS error.", false));
        kinds.put("SoftBounce", new BounceKind(4096, "Soft bounce", "Unable to temporarily deliver message (i.e. mailbox full, account disabled, exceeds quota, out of disk space).", false));
        kinds.put("SpamComplaint", new BounceKind(512, "Spam complaint", "The subscriber explicitly marked this message as spam.", true));
        kinds.put("BadEmailAddress", new BounceKind(100000, "Invalid email address", "The address is not a valid email address.", false));
        kinds.put("ManuallyDeactivated", new BounceKind(100002, "Manually deactivated", "The email was manually deactivated.", true));
        kinds.put("Blocked", new BounceKind(100006, "ISP block", "The ISP blocked the message.", false));
        return Collections.unmodifiableMap(kinds);
    }
}
