package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Request;
import feign.Request.HttpMethod;
import feign.RetryableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostmarkRetryerTest {
    private static Request request(HttpMethod method) {
        return Request.create(method, "http://127.0.0.1:1/email", Map.of(), new byte[0], StandardCharsets.UTF_8, null);
    }

    private static RetryableException ioError(HttpMethod method) {
        return new RetryableException(-1, "connection reset", method, new IOException("reset"), (Long) null,
                request(method));
    }

    private static RetryableException answered(HttpMethod method, int status, Duration retryAfter) {
        return new PostmarkRetryableException(status, request(method), Optional.ofNullable(retryAfter));
    }

    @Test
    void a_post_is_never_retried_after_an_io_error() {
        PostmarkRetryer retryer = new PostmarkRetryer(3, Duration.ofSeconds(10));
        RetryableException e = ioError(HttpMethod.POST);
        assertThatThrownBy(() -> retryer.continueOrPropagate(e)).isSameAs(e);
    }

    @Test
    void a_post_is_not_retried_after_a_5xx_without_retry_after() {
        PostmarkRetryer retryer = new PostmarkRetryer(3, Duration.ofSeconds(10));
        RetryableException e = answered(HttpMethod.POST, 503, null);
        assertThatThrownBy(() -> retryer.continueOrPropagate(e)).isSameAs(e);
        RetryableException e500 = answered(HttpMethod.POST, 500, Duration.ZERO);
        assertThatThrownBy(() -> retryer.continueOrPropagate(e500)).isSameAs(e500);
    }

    @Test
    void a_post_is_retried_when_postmark_said_429_or_503_with_retry_after() {
        PostmarkRetryer retryer = new PostmarkRetryer(3, Duration.ofSeconds(10));
        assertThatCode(() -> retryer.continueOrPropagate(answered(HttpMethod.POST, 429, Duration.ZERO)))
                .doesNotThrowAnyException();
        assertThatCode(() -> retryer.continueOrPropagate(answered(HttpMethod.POST, 503, Duration.ZERO)))
                .doesNotThrowAnyException();
    }

    @Test
    void a_get_is_retried_after_io_errors_until_max_attempts() {
        PostmarkRetryer retryer = new PostmarkRetryer(3, Duration.ZERO);
        assertThatCode(() -> retryer.continueOrPropagate(ioError(HttpMethod.GET))).doesNotThrowAnyException();
        assertThatCode(() -> retryer.continueOrPropagate(ioError(HttpMethod.GET))).doesNotThrowAnyException();
        RetryableException third = ioError(HttpMethod.GET);
        assertThatThrownBy(() -> retryer.continueOrPropagate(third)).isSameAs(third);
    }

    @Test
    void a_retry_after_longer_than_the_longest_wait_gives_up_at_once() {
        PostmarkRetryer retryer = new PostmarkRetryer(3, Duration.ofSeconds(10));
        RetryableException e = answered(HttpMethod.GET, 429, Duration.ofSeconds(120));
        assertThatThrownBy(() -> retryer.continueOrPropagate(e)).isSameAs(e);
    }

    @Test
    void clones_start_counting_afresh() {
        PostmarkRetryer retryer = new PostmarkRetryer(2, Duration.ZERO);
        assertThatCode(() -> retryer.continueOrPropagate(ioError(HttpMethod.GET))).doesNotThrowAnyException();
        assertThatThrownBy(() -> retryer.continueOrPropagate(ioError(HttpMethod.GET)))
                .isInstanceOf(RetryableException.class);
        assertThatCode(() -> retryer.clone().continueOrPropagate(ioError(HttpMethod.GET))).doesNotThrowAnyException();
    }

    @Test
    void one_attempt_means_no_retry() {
        PostmarkRetryer retryer = new PostmarkRetryer(1, Duration.ZERO);
        RetryableException e = ioError(HttpMethod.GET);
        assertThatThrownBy(() -> retryer.continueOrPropagate(e)).isSameAs(e);
    }
}
