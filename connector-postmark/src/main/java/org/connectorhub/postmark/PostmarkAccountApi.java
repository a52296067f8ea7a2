package org.connectorhub.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/** Postmark's API as an account token sees it ({@code X-Postmark-Account-Token}). */
@Headers({"Accept: application/json", "Content-Type: application/json"})
interface PostmarkAccountApi {
    String TOKEN_HEADER = "X-Postmark-Account-Token";

    @RequestLine("GET /servers?count={count}&offset={offset}")
    JsonNode servers(@Param("count") int count, @Param("offset") int offset);

    @RequestLine("GET /servers")
    JsonNode servers(@QueryMap Map<String, Object> query);

    @RequestLine("GET /servers/{serverId}")
    JsonNode server(@Param("serverId") long serverId);

    @RequestLine("POST /servers")
    JsonNode createServer(Map<String, Object> server);

    @RequestLine("GET /senders")
    JsonNode senderSignatures(@QueryMap Map<String, Object> query);

    @RequestLine("POST /senders")
    JsonNode createSenderSignature(Map<String, Object> signature);

    @RequestLine("GET /domains")
    JsonNode domains(@QueryMap Map<String, Object> query);

    @RequestLine("GET /domains/{domainId}")
    JsonNode domain(@Param("domainId") long domainId);

    @RequestLine("POST /domains")
    JsonNode createDomain(Map<String, Object> domain);

    @RequestLine("PUT /domains/{domainId}/verifyDkim")
    JsonNode verifyDomainDkim(@Param("domainId") long domainId);
}
