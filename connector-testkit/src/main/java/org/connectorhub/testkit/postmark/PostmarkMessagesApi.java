package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.connectorhub.testkit.fake.FakeRequest;
import org.connectorhub.testkit.fake.FakeResponse;
import org.connectorhub.testkit.postmark.PostmarkAddresses.Address;
import org.connectorhub.testkit.postmark.PostmarkModel.MessageState;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;
import org.connectorhub.testkit.postmark.PostmarkRequests.Page;
import org.connectorhub.testkit.postmark.PostmarkRoutes.TestToken;

import static org.connectorhub.testkit.postmark.PostmarkRequests.newestFirst;
import static org.connectorhub.testkit.postmark.PostmarkRequests.page;
import static org.connectorhub.testkit.postmark.PostmarkRequests.textFilter;
import static org.connectorhub.testkit.postmark.PostmarkWire.date;
import static org.connectorhub.testkit.postmark.PostmarkWire.notFound;
import static org.connectorhub.testkit.postmark.PostmarkWire.object;
import static org.connectorhub.testkit.postmark.PostmarkWire.ok;

/** Messages: outbound search and details ({@code /messages/outbound...}) and {@code GET /stats/outbound}. */
final class PostmarkMessagesApi {
    PostmarkMessagesApi() {
    }

    void register(PostmarkRoutes routes) {
        routes.server("GET", "/messages/outbound", TestToken.REJECT, this::listMessages);
        routes.server("GET", "/messages/outbound/{id}/details", TestToken.REJECT, this::messageDetails);
        routes.server("GET", "/stats/outbound", TestToken.REJECT, this::outboundStats);
    }

    private FakeResponse listMessages(FakeRequest request, ServerState server) {
        Page page = page(request);
        Predicate<MessageState> filter = message -> true;
        Optional<String> recipient = request.queryParam("recipient");
        if (recipient.isPresent()) {
            filter = filter.and(message -> message.recipients.all().stream()
                    .anyMatch(address -> address.email().toLowerCase(Locale.ROOT).contains(recipient.get().toLowerCase(Locale.ROOT))));
        }
        Optional<String> fromEmail = request.queryParam("fromemail");
        if (fromEmail.isPresent()) {
            filter = filter.and(message -> message.recipients.from().email().equalsIgnoreCase(fromEmail.get()));
        }
        filter = filter.and(textFilter(request, "tag", message -> message.text("Tag")));
        filter = filter.and(textFilter(request, "messagestream", MessageState::stream));
        Optional<String> status = request.queryParam("status");
        if (status.isPresent()) {
            filter = filter.and(message -> status.get().equalsIgnoreCase("sent"));
        }
        List<MessageState> matching = newestFirst(server.messages).stream().filter(filter).toList();
        ObjectNode json = object();
        json.put("TotalCount", matching.size());
        ArrayNode items = json.putArray("Messages");
        page.slice(matching).forEach(message -> items.add(messageJson(message, server, false)));
        return ok(json);
    }

    private FakeResponse messageDetails(FakeRequest request, ServerState server) {
        String id = request.pathParams().get("id");
        MessageState message = server.messages.stream().filter(candidate -> candidate.id.equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> notFound(701, "This message was not found."));
        return ok(messageJson(message, server, true));
    }

    private static ObjectNode messageJson(MessageState message, ServerState server, boolean details) {
        ObjectNode json = object();
        json.put("Tag", Optional.ofNullable(message.text("Tag")).orElse(""));
        json.put("MessageID", message.id);
        json.put("MessageStream", message.stream());
        addressList(json.putArray("To"), message.recipients.to());
        addressList(json.putArray("Cc"), message.recipients.cc());
        addressList(json.putArray("Bcc"), message.recipients.bcc());
        ArrayNode recipients = json.putArray("Recipients");
        message.recipients.all().forEach(address -> recipients.add(address.email()));
        json.put("ReceivedAt", date(message.receivedAt));
        json.put("From", message.text("From"));
        json.put("Subject", Optional.ofNullable(message.subject).orElse(""));
        ArrayNode attachments = json.putArray("Attachments");
        JsonNode sentAttachments = message.message.get("Attachments");
        if (sentAttachments != null && sentAttachments.isArray()) {
            sentAttachments.forEach(attachment -> attachments.add(attachment.path("Name").asText("")));
        }
        json.put("Status", "Sent");
        json.put("TrackOpens", message.message.path("TrackOpens").asBoolean(false));
        json.put("TrackLinks", Optional.ofNullable(message.text("TrackLinks")).orElse("None"));
        JsonNode metadata = message.message.get("Metadata");
        json.set("Metadata", metadata != null && metadata.isObject() ? metadata.deepCopy() : object());
        json.put("Sandboxed", server.deliveryType.equals("Sandbox"));
        if (details) {
            json.put("TextBody", Optional.ofNullable(message.text).orElse(""));
            json.put("HtmlBody", Optional.ofNullable(message.html).orElse(""));
            json.put("Body", "");
            ArrayNode events = json.putArray("MessageEvents");
            if (!server.deliveryType.equals("Sandbox")) {
                for (Address address : message.recipients.all()) {
                    ObjectNode event = events.addObject();
                    event.put("Recipient", address.email());
                    event.put("Type", "Delivered");
                    event.put("ReceivedAt", date(message.receivedAt));
                    ObjectNode eventDetails = event.putObject("Details");
                    eventDetails.put("DeliveryMessage", "Message delivered by the fake Postmark");
                    eventDetails.put("DestinationServer", "fake-mx.example");
                    eventDetails.put("DestinationIP", "127.0.0.1");
                }
            }
        }
        return json;
    }

    private static void addressList(ArrayNode target, List<Address> addresses) {
        for (Address address : addresses) {
            ObjectNode item = target.addObject();
            item.put("Email", address.email());
            item.put("Name", address.name());
        }
    }

    private FakeResponse outboundStats(FakeRequest request, ServerState server) {
        int sentCount = server.messages.size();
        int bounced = server.bounces.size();
        ObjectNode json = object();
        json.put("Sent", sentCount);
        json.put("Bounced", bounced);
        json.put("SMTPApiErrors", 0);
        json.put("BounceRate", sentCount == 0 ? 0.0 : Math.round(bounced * 10000.0 / sentCount) / 100.0);
        json.put("SpamComplaints", 0);
        json.put("SpamComplaintsRate", 0.0);
        for (String zero : List.of("Opens", "UniqueOpens", "Tracked", "WithLinkTracking", "WithOpenTracking",
                "TotalTrackedLinksSent", "UniqueLinksClicked", "TotalClicks", "WithClientRecorded",
                "WithPlatformRecorded", "WithReadTimeRecorded")) {
            json.put(zero, 0);
        }
        return ok(json);
    }
}
