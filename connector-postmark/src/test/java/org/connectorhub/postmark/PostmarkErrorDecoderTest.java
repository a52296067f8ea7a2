package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Request;
import feign.Request.HttpMethod;
import feign.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.connectorhub.core.domain.ProviderRejectedException;
import org.connectorhub.core.domain.ProviderResourceNotFoundException;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.junit.jupiter.api.Test;

class PostmarkErrorDecoderTest {
    private final PostmarkErrorDecoder decoder = new PostmarkErrorDecoder(PostmarkJson.mapper());

    private Exception decode(int status, String body, Map<String, Collection<String>> headers) {
        Request request = Request.create(HttpMethod.GET, "http://127.0.0.1:1/server", Map.of(), new byte[0],
                StandardCharsets.UTF_8, null);
        Response response = Response.builder().status(status).reason("x").request(request).headers(headers)
                .body(body, StandardCharsets.UTF_8).build();
        return decoder.decode("PostmarkServerApi#server()", response);
    }

    @Test
    void a_401_with_postmarks_body_is_a_refused_token() {
        Exception e = decode(401, "{\"ErrorCode\":10,\"Message\":\"Bad or missing Server API token\"}", Map.of());
        assertThat(e).isInstanceOf(PostmarkUnauthorizedException.class);
        assertThat(((PostmarkUnauthorizedException) e).errorCode()).isEqualTo(10);
    }

    @Test
    void a_401_that_is_not_postmarks_is_an_outage_not_a_verdict() {
        assertThat(decode(401, "<html>proxy login</html>", Map.of())).isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void a_422_carries_postmarks_code_and_message() {
        Exception e = decode(422, "{\"ErrorCode\":406,\"Message\":\"You tried to send to a recipient that has been "
                + "marked as inactive.\"}", Map.of());
        assertThat(e).isInstanceOfSatisfying(ProviderRejectedException.class, r -> {
            assertThat(r.providerErrorCode()).isEqualTo(406);
            assertThat(r.providerMessage()).contains("inactive");
            assertThat(r.code()).isEqualTo("provider_rejected");
        });
    }

    @Test
    void a_404_is_a_typed_not_found() {
        assertThat(decode(404, "{\"ErrorCode\":701,\"Message\":\"Message not found\"}", Map.of()))
                .isInstanceOf(ProviderResourceNotFoundException.class);
    }

    @Test
    void a_503_with_retry_after_seconds_is_retryable_and_carries_the_delay() {
        Exception e = decode(503, "", Map.of("Retry-After", List.of("120")));
        assertThat(e).isInstanceOfSatisfying(PostmarkRetryableException.class, r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.retryAfterDelay()).contains(Duration.ofSeconds(120));
        });
    }

    @Test
    void a_429_with_retry_after_as_a_date_is_understood() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(60));
        Exception e = decode(429, "", Map.of("retry-after", List.of(date)));
        assertThat(((PostmarkRetryableException) e).retryAfterDelay().orElseThrow())
                .isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
    }

    @Test
    void a_500_without_retry_after_has_none() {
        Exception e = decode(500, "{\"ErrorCode\":0,\"Message\":\"oops\"}", Map.of());
        assertThat(((PostmarkRetryableException) e).retryAfterDelay()).isEmpty();
    }

    @Test
    void a_4xx_with_garbage_is_an_outage() {
        assertThat(decode(422, "not json", Map.of())).isInstanceOf(ProviderUnavailableException.class);
    }
}
