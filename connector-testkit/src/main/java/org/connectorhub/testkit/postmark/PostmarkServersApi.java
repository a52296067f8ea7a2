package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.testkit.fake.FakeRequest;
import org.connectorhub.testkit.fake.FakeResponse;
import org.connectorhub.testkit.postmark.PostmarkAddresses.Address;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;
import org.connectorhub.testkit.postmark.PostmarkRequests.Page;
import org.connectorhub.testkit.postmark.PostmarkRoutes.TestToken;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.testkit.postmark.PostmarkRequests.bodyObject;
import static org.connectorhub.testkit.postmark.PostmarkRequests.iterable;
import static org.connectorhub.testkit.postmark.PostmarkRequests.optionalText;
import static org.connectorhub.testkit.postmark.PostmarkRequests.page;
import static org.connectorhub.testkit.postmark.PostmarkRequests.requiredText;
import static org.connectorhub.testkit.postmark.PostmarkWire.notFound;
import static org.connectorhub.testkit.postmark.PostmarkWire.object;
import static org.connectorhub.testkit.postmark.PostmarkWire.ok;
import static org.connectorhub.testkit.postmark.PostmarkWire.unprocessable;

/**
 * The server and the account: {@code GET}/{@code PUT /server} (server token), and with the account
 * token servers, sender signatures and domains.
 */
final class PostmarkServersApi {
    private final PostmarkState state;

    PostmarkServersApi(PostmarkState state) {
        this.state = requireNonNull(state, "state is null");
    }

    void register(PostmarkRoutes routes) {
        routes.server("GET", "/server", TestToken.REJECT, (request, server) -> ok(serverJson(server)));
        routes.server("PUT", "/server", TestToken.REJECT, this::editServer);
        routes.account("GET", "/servers", this::listServers);
        routes.account("GET", "/servers/{id}", request -> ok(serverJson(serverById(request.pathParams().get("id")))));
        routes.account("PUT", "/servers/{id}", request -> editServer(request, serverById(request.pathParams().get("id"))));
        routes.account("POST", "/servers", this::createServerRoute);
        routes.account("GET", "/senders", this::listSignatures);
        routes.account("GET", "/senders/{id}", request -> ok(signatureById(request.pathParams().get("id"))));
        routes.account("POST", "/senders", this::createSignatureRoute);
        routes.account("GET", "/domains", this::listDomains);
        routes.account("GET", "/domains/{id}", request -> ok(domainById(request.pathParams().get("id"))));
        routes.account("POST", "/domains", this::createDomainRoute);
        routes.account("PUT", "/domains/{id}/verifyDkim", this::verifyDkim);
    }

    /**
     * {@code PUT /server} (the server token's server) and {@code PUT /servers/{id}}: known settings
     * of the same JSON type; hook URLs absolute. All or nothing: a rejected field leaves the server
     * as it was.
     */
    private FakeResponse editServer(FakeRequest request, ServerState server) {
        ObjectNode body = bodyObject(request);
        ObjectNode settings = server.settings.deepCopy();
        String name = server.name;
        for (Map.Entry<String, JsonNode> field : iterable(body)) {
            JsonNode current = settings.get(field.getKey());
            if (field.getKey().equals("Name")) {
                name = requiredText(body, "Name");
            } else if (current != null && !field.getValue().isNull()) {
                if (current.getNodeType() != field.getValue().getNodeType()) {
                    throw unprocessable(403, "Invalid request field(s) - " + field.getKey());
                }
                if (field.getKey().equals("TrackLinks") && !PostmarkState.TRACK_LINKS.contains(field.getValue().asText())) {
                    throw unprocessable(300, "Invalid 'TrackLinks' value; use one of " + PostmarkState.TRACK_LINKS + ".");
                }
                if (field.getKey().endsWith("HookUrl") && !isHookUrl(field.getValue().asText())) {
                    throw unprocessable(300, "Invalid '" + field.getKey() + "': use an absolute http or https URL, or \"\".");
                }
                settings.set(field.getKey(), field.getValue());
            }
        }
        server.name = name;
        server.settings.setAll(settings);
        return ok(serverJson(server));
    }

    private static boolean isHookUrl(String value) {
        if (value.isEmpty()) {
            return true;
        }
        try {
            URI uri = URI.create(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static ObjectNode serverJson(ServerState server) {
        ObjectNode json = object();
        json.put("ID", server.id);
        json.put("Name", server.name);
        ArrayNode tokens = json.putArray("ApiTokens");
        server.tokens.forEach(tokens::add);
        json.put("DeliveryType", server.deliveryType);
        json.put("ServerLink", "https://account.postmarkapp.com/servers/" + server.id + "/streams");
        json.put("InboundAddress", server.inboundHash + "@inbound.postmarkapp.com");
        json.put("InboundHash", server.inboundHash);
        json.setAll(server.settings);
        return json;
    }

    private FakeResponse listServers(FakeRequest request) {
        Page page = page(request);
        Optional<String> name = request.queryParam("name");
        List<ServerState> matching = state.servers.values().stream()
                .filter(server -> name.isEmpty() || server.name.toLowerCase(Locale.ROOT).contains(name.get().toLowerCase(Locale.ROOT)))
                .toList();
        ObjectNode json = object();
        json.put("TotalCount", matching.size());
        ArrayNode items = json.putArray("Servers");
        page.slice(matching).forEach(server -> items.add(serverJson(server)));
        return ok(json);
    }

    private ServerState serverById(String id) {
        return state.servers.values().stream().filter(server -> String.valueOf(server.id).equals(id)).findFirst()
                .orElseThrow(() -> notFound(600, "The server was not found."));
    }

    private FakeResponse createServerRoute(FakeRequest request) {
        ObjectNode body = bodyObject(request);
        String name = requiredText(body, "Name");
        String deliveryType = Optional.ofNullable(optionalText(body, "DeliveryType")).orElse("Live");
        if (!deliveryType.equals("Live") && !deliveryType.equals("Sandbox")) {
            throw unprocessable(300, "Invalid 'DeliveryType': use Live or Sandbox.");
        }
        ServerState server = state.createServer(name, deliveryType);
        for (Map.Entry<String, JsonNode> field : iterable(body)) {
            JsonNode current = server.settings.get(field.getKey());
            if (current != null && current.getNodeType() == field.getValue().getNodeType()) {
                server.settings.set(field.getKey(), field.getValue());
            }
        }
        return ok(serverJson(server));
    }

    private FakeResponse listSignatures(FakeRequest request) {
        return ok(summaries(page(request), state.signatures, "SenderSignatures",
                List.of("Domain", "EmailAddress", "ReplyToEmailAddress", "Name", "Confirmed", "ID")));
    }

    /** A page of a list as Postmark lists it: the total, then each item cut down to its summary fields. */
    private static ObjectNode summaries(Page page, List<ObjectNode> all, String listName, List<String> fields) {
        ObjectNode json = object();
        json.put("TotalCount", all.size());
        ArrayNode items = json.putArray(listName);
        for (ObjectNode full : page.slice(all)) {
            ObjectNode item = items.addObject();
            fields.forEach(field -> item.set(field, full.get(field)));
        }
        return json;
    }

    private ObjectNode signatureById(String id) {
        return state.signatures.stream().filter(signature -> signature.get("ID").asText().equals(id)).findFirst()
                .orElseThrow(() -> notFound(501, "The sender signature was not found."));
    }

    private FakeResponse createSignatureRoute(FakeRequest request) {
        ObjectNode body = bodyObject(request);
        String fromEmail = requiredText(body, "FromEmail");
        String name = requiredText(body, "Name");
        Address address = PostmarkAddresses.parse(fromEmail)
                .orElseThrow(() -> unprocessable(300, "Invalid 'FromEmail' address: '" + fromEmail + "'."));
        if (state.signatures.stream().anyMatch(signature -> signature.get("EmailAddress").asText().equalsIgnoreCase(address.email()))) {
            throw unprocessable(504, "This signature already exists.");
        }
        String replyTo = Optional.ofNullable(optionalText(body, "ReplyToEmail")).orElse("");
        return ok(state.createSignature(address.email(), name, replyTo, false));
    }

    private FakeResponse listDomains(FakeRequest request) {
        return ok(summaries(page(request), state.domains, "Domains",
                List.of("Name", "SPFVerified", "DKIMVerified", "WeakDKIM", "ReturnPathDomainVerified", "ID")));
    }

    private ObjectNode domainById(String id) {
        return state.domains.stream().filter(domain -> domain.get("ID").asText().equals(id)).findFirst()
                .orElseThrow(() -> notFound(510, "The domain was not found."));
    }

    private FakeResponse createDomainRoute(FakeRequest request) {
        ObjectNode body = bodyObject(request);
        String name = requiredText(body, "Name");
        if (!name.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            throw unprocessable(300, "Invalid domain name: '" + name + "'.");
        }
        if (state.domains.stream().anyMatch(domain -> domain.get("Name").asText().equalsIgnoreCase(name))) {
            throw unprocessable(503, "This domain already exists.");
        }
        return ok(state.createDomain(name, Optional.ofNullable(optionalText(body, "ReturnPathDomain")).orElse("")));
    }

    private FakeResponse verifyDkim(FakeRequest request) {
        ObjectNode domain = domainById(request.pathParams().get("id"));
        // the fake's DNS is always right: verifying succeeds
        domain.put("DKIMVerified", true);
        domain.put("DKIMUpdateStatus", "Verified");
        return ok(domain);
    }
}
