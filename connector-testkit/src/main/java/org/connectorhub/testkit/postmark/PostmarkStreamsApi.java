package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.connectorhub.testkit.fake.FakeRequest;
import org.connectorhub.testkit.fake.FakeResponse;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;
import org.connectorhub.testkit.postmark.PostmarkRoutes.TestToken;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.testkit.postmark.PostmarkWire.date;
import static org.connectorhub.testkit.postmark.PostmarkWire.notFound;
import static org.connectorhub.testkit.postmark.PostmarkWire.object;
import static org.connectorhub.testkit.postmark.PostmarkWire.ok;

/** Message streams: list, details and the suppression dump of a stream. */
final class PostmarkStreamsApi {
    private final PostmarkState state;

    PostmarkStreamsApi(PostmarkState state) {
        this.state = requireNonNull(state, "state is null");
    }

    void register(PostmarkRoutes routes) {
        routes.server("GET", "/message-streams", TestToken.REJECT, this::listStreams);
        routes.server("GET", "/message-streams/{stream}", TestToken.REJECT,
                (request, server) -> ok(streamJson(stream(server, request.pathParams().get("stream")), server)));
        routes.server("GET", "/message-streams/{stream}/suppressions/dump", TestToken.REJECT, this::suppressions);
    }

    private FakeResponse listStreams(FakeRequest request, ServerState server) {
        String type = request.queryParam("MessageStreamType").orElse("All");
        List<ObjectNode> matching = server.streams.stream()
                .filter(stream -> type.equalsIgnoreCase("All") || stream.get("MessageStreamType").asText().equalsIgnoreCase(type)
                        || (type.equalsIgnoreCase("Broadcasts") && stream.get("MessageStreamType").asText().equals("Broadcasts")))
                .toList();
        ObjectNode json = object();
        ArrayNode items = json.putArray("MessageStreams");
        matching.forEach(stream -> items.add(streamJson(stream, server)));
        json.put("TotalCount", matching.size());
        return ok(json);
    }

    static ObjectNode stream(ServerState server, String id) {
        return server.streams.stream().filter(stream -> stream.get("ID").asText().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> notFound(1235, "The message stream for the provided 'ID' was not found."));
    }

    private static ObjectNode streamJson(ObjectNode stream, ServerState server) {
        ObjectNode json = stream.deepCopy();
        json.put("ServerID", server.id);
        return json;
    }

    private FakeResponse suppressions(FakeRequest request, ServerState server) {
        ObjectNode stream = stream(server, request.pathParams().get("stream"));
        ObjectNode json = object();
        ArrayNode items = json.putArray("Suppressions");
        if (!stream.get("MessageStreamType").asText().equals("Inbound")) {
            state.inactive.forEach((email, reason) -> {
                ObjectNode item = items.addObject();
                item.put("EmailAddress", email);
                item.put("SuppressionReason", reason);
                item.put("Origin", reason.equals("ManualSuppression") ? "Customer" : "Recipient");
                item.put("CreatedAt", date(Instant.now()));
            });
        }
        return ok(json);
    }
}
