package org.connectorhub.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.List;
import java.util.Map;

/**
 * Postmark's API as a server token sees it. Every method takes the token first: Feign expands it
 * into the {@code X-Postmark-Server-Token} header of that one request, so one client serves every
 * account. Bodies and query maps carry Postmark's wire names; answers come back as JSON for the
 * actions to map.
 */
@Headers("X-Postmark-Server-Token: {token}")
interface PostmarkServerApi {
    String TOKEN_HEADER = "X-Postmark-Server-Token";

    @RequestLine("GET /server")
    PostmarkServerInfo server(@Param("token") String token);

    @RequestLine("GET /server")
    JsonNode serverDetails(@Param("token") String token);

    @RequestLine("POST /email")
    JsonNode sendEmail(@Param("token") String token, Map<String, Object> message);

    @RequestLine("POST /email/batch")
    JsonNode sendEmailBatch(@Param("token") String token, List<Map<String, Object>> messages);

    @RequestLine("POST /email/withTemplate")
    JsonNode sendEmailWithTemplate(@Param("token") String token, Map<String, Object> message);

    @RequestLine("GET /templates")
    JsonNode templates(@Param("token") String token, @QueryMap Map<String, Object> query);

    @RequestLine("GET /templates/{idOrAlias}")
    JsonNode template(@Param("token") String token, @Param("idOrAlias") String idOrAlias);

    @RequestLine("GET /messages/outbound")
    JsonNode outboundMessages(@Param("token") String token, @QueryMap Map<String, Object> query);

    @RequestLine("GET /messages/outbound/{messageId}/details")
    JsonNode outboundMessage(@Param("token") String token, @Param("messageId") String messageId);

    @RequestLine("GET /bounces")
    JsonNode bounces(@Param("token") String token, @QueryMap Map<String, Object> query);

    @RequestLine("GET /bounces/{bounceId}")
    JsonNode bounce(@Param("token") String token, @Param("bounceId") long bounceId);

    @RequestLine("PUT /bounces/{bounceId}/activate")
    JsonNode activateBounce(@Param("token") String token, @Param("bounceId") long bounceId);

    @RequestLine("GET /deliverystats")
    JsonNode deliveryStats(@Param("token") String token);

    @RequestLine("GET /message-streams")
    JsonNode messageStreams(@Param("token") String token, @QueryMap Map<String, Object> query);

    @RequestLine("GET /stats/outbound")
    JsonNode outboundStats(@Param("token") String token, @QueryMap Map<String, Object> query);

    @RequestLine("GET /webhooks")
    JsonNode webhooks(@Param("token") String token, @QueryMap Map<String, Object> query);

    @RequestLine("POST /webhooks")
    JsonNode createWebhook(@Param("token") String token, Map<String, Object> webhook);

    @RequestLine("PUT /webhooks/{webhookId}")
    JsonNode editWebhook(@Param("token") String token, @Param("webhookId") long webhookId, Map<String, Object> webhook);

    @RequestLine("PUT /server")
    JsonNode editServer(@Param("token") String token, Map<String, Object> settings);

    @RequestLine("DELETE /webhooks/{webhookId}")
    JsonNode deleteWebhook(@Param("token") String token, @Param("webhookId") long webhookId);

    @RequestLine("GET /message-streams/{stream}/suppressions/dump")
    JsonNode suppressions(@Param("token") String token, @Param("stream") String stream,
            @QueryMap Map<String, Object> query);
}
