package org.connectorhub.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/**
 * Postmark's API as an account token sees it. Every method takes the token first, which goes into
 * the {@code X-Postmark-Account-Token} header of that one request.
 */
@Headers("X-Postmark-Account-Token: {token}")
interface PostmarkAccountApi {
    String TOKEN_HEADER = "X-Postmark-Account-Token";

    @RequestLine("GET /servers?count={count}&offset={offset}")
    JsonNode servers(@Param("token") String token, @Param("count") int count, @Param("offset") int offset);

    @RequestLine("GET /servers")
    JsonNode servers(@Param("token") String token, @QueryMap Map<String, Object> query);

    @RequestLine("GET /servers/{serverId}")
    JsonNode server(@Param("token") String token, @Param("serverId") long serverId);

    @RequestLine("POST /servers")
    JsonNode createServer(@Param("token") String token, Map<String, Object> server);

    @RequestLine("GET /senders")
    JsonNode senderSignatures(@Param("token") String token, @QueryMap Map<String, Object> query);

    @RequestLine("POST /senders")
    JsonNode createSenderSignature(@Param("token") String token, Map<String, Object> signature);

    @RequestLine("GET /domains")
    JsonNode domains(@Param("token") String token, @QueryMap Map<String, Object> query);

    @RequestLine("GET /domains/{domainId}")
    JsonNode domain(@Param("token") String token, @Param("domainId") long domainId);

    @RequestLine("POST /domains")
    JsonNode createDomain(@Param("token") String token, Map<String, Object> domain);

    @RequestLine("PUT /domains/{domainId}/verifyDkim")
    JsonNode verifyDomainDkim(@Param("token") String token, @Param("domainId") long domainId);
}
