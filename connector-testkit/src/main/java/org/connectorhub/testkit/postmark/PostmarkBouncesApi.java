package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.connectorhub.testkit.fake.FakeRequest;
import org.connectorhub.testkit.fake.FakeResponse;
import org.connectorhub.testkit.postmark.PostmarkModel.BounceState;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;
import org.connectorhub.testkit.postmark.PostmarkRequests.Page;
import org.connectorhub.testkit.postmark.PostmarkRoutes.TestToken;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.testkit.postmark.PostmarkRequests.newestFirst;
import static org.connectorhub.testkit.postmark.PostmarkRequests.page;
import static org.connectorhub.testkit.postmark.PostmarkRequests.textFilter;
import static org.connectorhub.testkit.postmark.PostmarkWire.date;
import static org.connectorhub.testkit.postmark.PostmarkWire.notFound;
import static org.connectorhub.testkit.postmark.PostmarkWire.object;
import static org.connectorhub.testkit.postmark.PostmarkWire.ok;
import static org.connectorhub.testkit.postmark.PostmarkWire.unprocessable;

/** Bounces: search, details, {@code PUT /bounces/{id}/activate} (which lifts the suppression) and {@code GET /deliverystats}. */
final class PostmarkBouncesApi {
    private final PostmarkState state;

    PostmarkBouncesApi(PostmarkState state) {
        this.state = requireNonNull(state, "state is null");
    }

    void register(PostmarkRoutes routes) {
        routes.server("GET", "/bounces", TestToken.REJECT, this::listBounces);
        routes.server("GET", "/bounces/{id}", TestToken.REJECT,
                (request, server) -> ok(bounceJson(bounce(server, request.pathParams().get("id")), server, true)));
        routes.server("PUT", "/bounces/{id}/activate", TestToken.REJECT, this::activateBounce);
        routes.server("GET", "/deliverystats", TestToken.REJECT, this::deliveryStats);
    }

    private FakeResponse listBounces(FakeRequest request, ServerState server) {
        Page page = page(request);
        Predicate<BounceState> filter = bounce -> true;
        filter = filter.and(textFilter(request, "type", bounce -> bounce.type));
        filter = filter.and(textFilter(request, "tag", bounce -> ""));
        filter = filter.and(textFilter(request, "messageID", bounce -> bounce.messageId));
        filter = filter.and(textFilter(request, "messagestream", bounce -> "outbound"));
        Optional<String> inactiveOnly = request.queryParam("inactive");
        if (inactiveOnly.isPresent()) {
            boolean wanted = Boolean.parseBoolean(inactiveOnly.get());
            filter = filter.and(bounce -> bounce.inactive == wanted);
        }
        Optional<String> email = request.queryParam("emailFilter");
        if (email.isPresent()) {
            filter = filter.and(bounce -> bounce.email.toLowerCase(Locale.ROOT).contains(email.get().toLowerCase(Locale.ROOT)));
        }
        List<BounceState> matching = newestFirst(server.bounces).stream().filter(filter).toList();
        ObjectNode json = object();
        json.put("TotalCount", matching.size());
        ArrayNode items = json.putArray("Bounces");
        page.slice(matching).forEach(bounce -> items.add(bounceJson(bounce, server, false)));
        return ok(json);
    }

    private static BounceState bounce(ServerState server, String id) {
        return server.bounces.stream().filter(bounce -> String.valueOf(bounce.id).equals(id)).findFirst()
                .orElseThrow(() -> notFound(701, "This bounce was not found."));
    }

    private static ObjectNode bounceJson(BounceState bounce, ServerState server, boolean withContent) {
        ObjectNode json = object();
        json.put("ID", bounce.id);
        json.put("Type", bounce.type);
        json.put("TypeCode", bounce.kind.code());
        json.put("Name", bounce.kind.name());
        json.put("Tag", "");
        json.put("MessageID", bounce.messageId);
        json.put("ServerID", server.id);
        json.put("MessageStream", "outbound");
        json.put("Description", bounce.kind.description());
        json.put("Details", "smtp;550 5.1.1 The email account that you tried to reach does not exist (fake)");
        json.put("Email", bounce.email);
        json.put("From", "sender@example.com");
        json.put("BouncedAt", date(bounce.bouncedAt));
        json.put("DumpAvailable", false);
        json.put("Inactive", bounce.inactive);
        json.put("CanActivate", bounce.inactive);
        json.put("Subject", "Hello");
        json.put("RecordType", "Bounce");
        if (withContent) {
            json.put("Content", "");
        }
        return json;
    }

    private FakeResponse activateBounce(FakeRequest request, ServerState server) {
        BounceState bounce = bounce(server, request.pathParams().get("id"));
        if (!bounce.inactive) {
            throw unprocessable(300, "This bounce is not inactive: there is nothing to activate.");
        }
        bounce.inactive = false;
        state.inactive.remove(bounce.email.toLowerCase(Locale.ROOT));
        ObjectNode json = object();
        json.put("Message", "OK");
        json.set("Bounce", bounceJson(bounce, server, false));
        return ok(json);
    }

    private FakeResponse deliveryStats(FakeRequest request, ServerState server) {
        ObjectNode json = object();
        json.put("InactiveMails", server.bounces.stream().filter(bounce -> bounce.inactive).count());
        ArrayNode bounces = json.putArray("Bounces");
        ObjectNode all = bounces.addObject();
        all.put("Name", "All");
        all.put("Count", server.bounces.size());
        Map<String, Integer> byType = new LinkedHashMap<>();
        server.bounces.forEach(bounce -> byType.merge(bounce.type, 1, Integer::sum));
        byType.forEach((type, count) -> {
            ObjectNode item = bounces.addObject();
            item.put("Type", type);
            item.put("Name", PostmarkState.BOUNCE_KINDS.get(type).name());
            item.put("Count", count);
        });
        return ok(json);
    }
}
