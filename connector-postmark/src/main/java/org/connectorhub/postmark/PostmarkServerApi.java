package org.connectorhub.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.List;
import java.util.Map;

/**
 * Postmark's API as a server token sees it ({@code X-Postmark-Server-Token}). Bodies and query
 * maps carry Postmark's wire names; answers come back as JSON for the actions to map.
 */
@Headers({"Accept: application/json", "Content-Type: application/json"})
interface PostmarkServerApi {
    String TOKEN_HEADER = "X-Postmark-Server-Token";

    @RequestLine("GET /server")
    PostmarkServerInfo server();

    @RequestLine("GET /server")
    JsonNode serverDetails();

    @RequestLine("POST /email")
    JsonNode sendEmail(Map<String, Object> message);

    @RequestLine("POST /email/batch")
    JsonNode sendEmailBatch(List<Map<String, Object>> messages);

    @RequestLine("POST /email/withTemplate")
    JsonNode sendEmailWithTemplate(Map<String, Object> message);

    @RequestLine("GET /templates")
    JsonNode templates(@QueryMap Map<String, Object> query);

    @RequestLine("GET /templates/{idOrAlias}")
    JsonNode template(@Param("idOrAlias") String idOrAlias);

    @RequestLine("GET /messages/outbound")
    JsonNode outboundMessages(@QueryMap Map<String, Object> query);

    @RequestLine("GET /messages/outbound/{messageId}/details")
    JsonNode outboundMessage(@Param("messageId") String messageId);

    @RequestLine("GET /bounces")
    JsonNode bounces(@QueryMap Map<String, Object> query);

    @RequestLine("GET /bounces/{bounceId}")
    JsonNode bounce(@Param("bounceId") long bounceId);

    @RequestLine("PUT /bounces/{bounceId}/activate")
    JsonNode activateBounce(@Param("bounceId") long bounceId);

    @RequestLine("GET /deliverystats")
    JsonNode deliveryStats();

    @RequestLine("GET /message-streams")
    JsonNode messageStreams(@QueryMap Map<String, Object> query);

    @RequestLine("GET /stats/outbound")
    JsonNode outboundStats(@QueryMap Map<String, Object> query);

    @RequestLine("GET /webhooks")
    JsonNode webhooks(@QueryMap Map<String, Object> query);

    @RequestLine("POST /webhooks")
    JsonNode createWebhook(Map<String, Object> webhook);

    @RequestLine("DELETE /webhooks/{webhookId}")
    JsonNode deleteWebhook(@Param("webhookId") long webhookId);

    @RequestLine("GET /message-streams/{stream}/suppressions/dump")
    JsonNode suppressions(@Param("stream") String stream, @QueryMap Map<String, Object> query);
}
