package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.connectorhub.testkit.fake.FakeRequest;
import org.connectorhub.testkit.fake.FakeResponse;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;
import org.connectorhub.testkit.postmark.PostmarkModel.TemplateState;
import org.connectorhub.testkit.postmark.PostmarkRequests.Page;
import org.connectorhub.testkit.postmark.PostmarkRoutes.TestToken;

import static org.connectorhub.testkit.postmark.PostmarkRequests.page;
import static org.connectorhub.testkit.postmark.PostmarkWire.notFound;
import static org.connectorhub.testkit.postmark.PostmarkWire.object;
import static org.connectorhub.testkit.postmark.PostmarkWire.ok;

/** Templates: {@code GET /templates} (paged, by type) and {@code GET /templates/{idOrAlias}}. */
final class PostmarkTemplatesApi {
    PostmarkTemplatesApi() {
    }

    void register(PostmarkRoutes routes) {
        routes.server("GET", "/templates", TestToken.REJECT, this::listTemplates);
        routes.server("GET", "/templates/{idOrAlias}", TestToken.REJECT,
                (request, server) -> ok(templateJson(template(server, request.pathParams().get("idOrAlias")), server)));
    }

    private FakeResponse listTemplates(FakeRequest request, ServerState server) {
        Page page = page(request);
        String type = request.queryParam("TemplateType").orElse("All");
        List<TemplateState> matching = server.templates.stream()
                .filter(template -> type.equalsIgnoreCase("All") || type.equalsIgnoreCase(template.type)).toList();
        ObjectNode json = object();
        json.put("TotalCount", matching.size());
        ArrayNode items = json.putArray("Templates");
        for (TemplateState template : page.slice(matching)) {
            ObjectNode item = items.addObject();
            item.put("Active", template.active);
            item.put("TemplateId", template.id);
            item.put("Name", template.name);
            item.put("Alias", template.alias);
            item.put("TemplateType", template.type);
            item.putNull("LayoutTemplate");
        }
        return ok(json);
    }

    private static TemplateState template(ServerState server, String idOrAlias) {
        return server.templates.stream()
                .filter(template -> String.valueOf(template.id).equals(idOrAlias) || idOrAlias.equalsIgnoreCase(template.alias))
                .findFirst()
                .orElseThrow(() -> notFound(1101, "The template was not found."));
    }

    private static ObjectNode templateJson(TemplateState template, ServerState server) {
        ObjectNode json = object();
        json.put("Name", template.name);
        json.put("TemplateId", template.id);
        json.put("Alias", template.alias);
        json.put("Subject", template.subject);
        json.put("HtmlBody", template.htmlBody);
        json.put("TextBody", template.textBody);
        json.put("AssociatedServerId", server.id);
        json.put("Active", template.active);
        json.put("TemplateType", template.type);
        json.putNull("LayoutTemplate");
        return json;
    }
}
