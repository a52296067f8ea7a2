package org.connectorhub.testkit.postmark;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One Postmark event for {@link FakePostmark#fire}: the JSON object Postmark POSTs, in its
 * documented shape (team fact sheet on Postmark webhooks, section 2), with made-up defaults. The
 * factories give a complete payload; the {@code with...} methods return a changed copy, and
 * {@link #with(String, Object)} / {@link #without(String)} set or drop any field (to send the
 * {@code ServerId} spelling, a {@code TypeCode} of 512, a payload with few keys, ...).
 *
 * <p>Each object carries a {@link #traceId()} sent as {@code X-PM-Webhook-Trace-Id}: firing the
 * same object twice is one event delivered twice (what a receiver must de-duplicate); a copy is a
 * new event. Immutable.
 */
public final class FakePostmarkEvent {
    /** The kinds of event, with the webhook trigger that subscribes to each (none for inbound). */
    public enum Kind {
        BOUNCE("Bounce"), SPAM_COMPLAINT("SpamComplaint"), DELIVERY("Delivery"), OPEN("Open"), CLICK("Click"),
        SUBSCRIPTION_CHANGE("SubscriptionChange"), INBOUND(null);

        private final String trigger;

        Kind(String trigger) {
            this.trigger = trigger;
        }

        /** The {@code Triggers} key of a webhook that receives this kind; empty for inbound (server's InboundHookUrl). */
        public Optional<String> trigger() {
            return Optional.ofNullable(trigger);
        }
    }

    private static final AtomicLong BOUNCE_IDS = new AtomicLong(5550100);
    /** Outbound event times: ISO 8601 with seven fraction digits, in UTC. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Kind kind;
    private final String traceId;
    private final Map<String, Object> payload;

    private FakePostmarkEvent(Kind kind, Map<String, Object> payload) {
        this.kind = requireNonNull(kind, "kind is null");
        this.traceId = UUID.randomUUID().toString();
        this.payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /** A hard bounce of a message to {@code email} on the {@code outbound} stream; see {@link #withBounceType}. */
    public static FakePostmarkEvent bounce(String email) {
        return bounceLike(Kind.BOUNCE, email).withBounceType("HardBounce");
    }

    /** A spam complaint: Bounce's fields, {@code Type} SpamComplaint, {@code TypeCode} 100001 (Postmark's enum). */
    public static FakePostmarkEvent spamComplaint(String email) {
        return bounceLike(Kind.SPAM_COMPLAINT, email).withBounceType("SpamComplaint")
                .with("Content", "Feedback-Type: abuse\nUser-Agent: fake-isp\n(abuse report)");
    }

    /** A delivery to {@code recipient}. */
    public static FakePostmarkEvent delivery(String recipient) {
        Map<String, Object> json = outbound("Delivery");
        json.put("Recipient", requireNonNull(recipient, "recipient is null"));
        json.put("Tag", "");
        json.put("DeliveredAt", now());
        json.put("Details", "250 2.0.0 OK (fake)");
        json.put("Metadata", Map.of());
        return new FakePostmarkEvent(Kind.DELIVERY, json);
    }

    /** A first open by {@code recipient} in a web mail client. No {@code ServerID}, as in the SDK models. */
    public static FakePostmarkEvent open(String recipient) {
        Map<String, Object> json = tracking("Open", recipient);
        json.put("FirstOpen", true);
        json.put("ReadSeconds", 7);
        return new FakePostmarkEvent(Kind.OPEN, json);
    }

    /** A click on {@code link} by {@code recipient}, in the HTML part. No {@code ServerID}, as in the SDK models. */
    public static FakePostmarkEvent click(String recipient, String link) {
        Map<String, Object> json = tracking("Click", recipient);
        json.put("ClickLocation", "HTML");
        json.put("OriginalLink", requireNonNull(link, "link is null"));
        return new FakePostmarkEvent(Kind.CLICK, json);
    }

    /**
     * A subscription change of {@code recipient} by the recipient: {@code suppressSending} true is an
     * unsubscribe (reason ManualSuppression), false a reactivation (reason, Tag null; MessageID null).
     */
    public static FakePostmarkEvent subscriptionChange(String recipient, boolean suppressSending) {
        Map<String, Object> json = outbound("SubscriptionChange");
        json.put("ChangedAt", now());
        json.put("Recipient", requireNonNull(recipient, "recipient is null"));
        json.put("Origin", suppressSending ? "Recipient" : "Customer");
        json.put("SuppressSending", suppressSending);
        json.put("SuppressionReason", suppressSending ? "ManualSuppression" : null);
        json.put("Tag", suppressSending ? "" : null);
        if (!suppressSending) {
            json.put("MessageID", null);
        }
        json.put("Metadata", Map.of());
        return new FakePostmarkEvent(Kind.SUBSCRIPTION_CHANGE, json);
    }

    /**
     * An inbound email from {@code from} to {@code to}, stream {@code inbound}, with no
     * {@code RecordType} (as Postmark sends it) and a {@code Date} in RFC 2822 style.
     */
    public static FakePostmarkEvent inbound(String from, String to) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        String hash = to.contains("+") && to.contains("@") ? to.substring(to.indexOf('+') + 1, to.indexOf('@')) : "";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("From", from);
        json.put("FromName", "");
        json.put("FromFull", Map.of("Email", from, "Name", "", "MailboxHash", ""));
        json.put("To", to);
        json.put("ToFull", List.of(Map.of("Email", to, "Name", "", "MailboxHash", hash)));
        json.put("Cc", "");
        json.put("CcFull", List.of());
        json.put("Bcc", "");
        json.put("BccFull", List.of());
        json.put("OriginalRecipient", to);
        json.put("ReplyTo", "");
        json.put("Subject", "Re: hello");
        json.put("MessageID", UUID.randomUUID().toString());
        json.put("MessageStream", "inbound");
        json.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
        json.put("MailboxHash", hash);
        json.put("TextBody", "Thanks!");
        json.put("HtmlBody", "<p>Thanks!</p>");
        json.put("StrippedTextReply", "Thanks!");
        json.put("Tag", "");
        json.put("Headers", List.of(Map.of("Name", "X-Spam-Status", "Value", "No"),
                Map.of("Name", "X-Spam-Score", "Value", "-0.1")));
        json.put("Attachments", List.of());
        return new FakePostmarkEvent(Kind.INBOUND, json);
    }

    public Kind kind() {
        return kind;
    }

    /** Stable for this object: sent as {@code X-PM-Webhook-Trace-Id} on every delivery and retry of it. */
    public String traceId() {
        return traceId;
    }

    /** The JSON object, as sent (the fake adds {@code ServerID} where the kind has one and it is not set). */
    public Map<String, Object> payload() {
        return payload;
    }

    /** {@code MessageStream}; the webhooks of this stream receive the event. */
    public String messageStream() {
        return String.valueOf(payload.get("MessageStream"));
    }

    /** A copy with {@code field} set to a JSON-able value (String, Number, Boolean, null, Map, List). */
    public FakePostmarkEvent with(String field, Object value) {
        requireNonNull(field, "field is null");
        return copy(json -> json.put(field, value));
    }

    /** A copy without {@code field}. */
    public FakePostmarkEvent without(String field) {
        requireNonNull(field, "field is null");
        return copy(json -> json.remove(field));
    }

    public FakePostmarkEvent withMessageStream(String stream) {
        return with("MessageStream", requireNonNull(stream, "stream is null"));
    }

    public FakePostmarkEvent withMessageId(String messageId) {
        return with("MessageID", messageId);
    }

    /** {@code Tag}: a string, "" or null. */
    public FakePostmarkEvent withTag(String tag) {
        return with("Tag", tag);
    }

    public FakePostmarkEvent withMetadata(Map<String, String> metadata) {
        return with("Metadata", Map.copyOf(requireNonNull(metadata, "metadata is null")));
    }

    /** The time field of this kind (BouncedAt, DeliveredAt, ReceivedAt or ChangedAt); inbound has only {@code Date}. */
    public FakePostmarkEvent withOccurredAt(Instant at) {
        requireNonNull(at, "at is null");
        String field = switch (kind) {
            case BOUNCE, SPAM_COMPLAINT -> "BouncedAt";
            case DELIVERY -> "DeliveredAt";
            case OPEN, CLICK -> "ReceivedAt";
            case SUBSCRIPTION_CHANGE -> "ChangedAt";
            case INBOUND -> throw new IllegalStateException("inbound has no event time; set Date with with(\"Date\", ...)");
        };
        return with(field, ISO.format(at));
    }

    /**
     * Bounce and spam complaint: {@code Type} and what follows from it ({@code TypeCode}, {@code Name},
     * {@code Description}, {@code Inactive}, {@code CanActivate}), from Postmark's bounce type enum.
     */
    public FakePostmarkEvent withBounceType(String type) {
        if (kind != Kind.BOUNCE && kind != Kind.SPAM_COMPLAINT) {
            throw new IllegalStateException("only bounces and spam complaints have a bounce type");
        }
        PostmarkBounceTypes.Type known = PostmarkBounceTypes.of(type);
        return copy(json -> {
            json.put("Type", type);
            json.put("TypeCode", known.code());
            json.put("Name", known.name());
            json.put("Description", known.description());
            json.put("Inactive", known.deactivates());
            json.put("CanActivate", known.deactivates() && !type.equals("SpamComplaint"));
        });
    }

    /** Open: whether this is the recipient's first open (webhooks with PostFirstOpenOnly get first opens only). */
    public FakePostmarkEvent withFirstOpen(boolean firstOpen) {
        if (kind != Kind.OPEN) {
            throw new IllegalStateException("only opens have FirstOpen");
        }
        return with("FirstOpen", firstOpen);
    }

    /** Inbound: {@code Cc} and {@code CcFull}. */
    public FakePostmarkEvent withCc(String... emails) {
        List<Map<String, String>> full = new ArrayList<>();
        for (String email : emails) {
            full.add(Map.of("Email", email, "Name", "", "MailboxHash", ""));
        }
        return copy(json -> {
            json.put("Cc", String.join(", ", emails));
            json.put("CcFull", full);
        });
    }

    /** Inbound: one more attachment (content base64-encoded, ContentLength its size). */
    public FakePostmarkEvent withAttachment(String name, String contentType, byte[] content) {
        requireNonNull(name, "name is null");
        requireNonNull(contentType, "contentType is null");
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("Name", name);
        attachment.put("Content", Base64.getEncoder().encodeToString(content));
        attachment.put("ContentType", contentType);
        attachment.put("ContentLength", content.length);
        attachment.put("ContentID", "");
        return copy(json -> {
            Object current = json.get("Attachments");
            List<Object> attachments = current instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
            attachments.add(attachment);
            json.put("Attachments", attachments);
        });
    }

    @Override
    public String toString() {
        return "FakePostmarkEvent[" + kind + ", traceId=" + traceId + ", " + payload + "]";
    }

    private FakePostmarkEvent copy(Consumer<Map<String, Object>> change) {
        Map<String, Object> json = new LinkedHashMap<>(payload);
        change.accept(json);
        return new FakePostmarkEvent(kind, json);
    }

    private static FakePostmarkEvent bounceLike(Kind kind, String email) {
        Map<String, Object> json = outbound(kind == Kind.BOUNCE ? "Bounce" : "SpamComplaint");
        json.put("ID", BOUNCE_IDS.incrementAndGet());
        json.put("Tag", "");
        json.put("Details", "smtp;550 5.1.1 The email account that you tried to reach does not exist (fake)");
        json.put("Email", requireNonNull(email, "email is null"));
        json.put("From", "sender@example.com");
        json.put("BouncedAt", now());
        json.put("DumpAvailable", false);
        json.put("Subject", "Hello");
        json.put("Content", "Return-Path: <>\n(the bounce message)");
        json.put("Metadata", Map.of());
        return new FakePostmarkEvent(kind, json);
    }

    private static Map<String, Object> outbound(String recordType) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("RecordType", recordType);
        json.put("MessageStream", "outbound");
        json.put("MessageID", UUID.randomUUID().toString());
        return json;
    }

    private static Map<String, Object> tracking(String recordType, String recipient) {
        Map<String, Object> json = outbound(recordType);
        json.put("Client", Map.of("Name", "Gmail", "Company", "Google", "Family", "Gmail"));
        json.put("OS", Map.of("Name", "Linux", "Company", "Linux Foundation", "Family", "Linux"));
        json.put("Platform", "WebMail");
        json.put("UserAgent", "Mozilla/5.0 (fake)");
        json.put("Geo", Map.of("CountryISOCode", "PT", "Country", "Portugal", "City", "Lisbon", "IP", "192.0.2.10"));
        json.put("ReceivedAt", now());
        json.put("Tag", "");
        json.put("Recipient", requireNonNull(recipient, "recipient is null"));
        json.put("Metadata", Map.of());
        return json;
    }

    private static String now() {
        return ISO.format(Instant.now());
    }
}
