package org.connectorhub.hub.projects;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.connectorhub.hub.http.ApiException;
import org.junit.jupiter.api.Test;

/** The failed-attempt limiter on its Caffeine table, with a clock the test moves. */
class AuthFailureLimiterTest {
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(clock);

    @Test
    void anAddressOverTheLimitIsRefusedUntilItsWindowEnds() {
        for (int i = 0; i < AuthFailureLimiter.MAX_FAILURES; i++) {
            assertThatCode(() -> limiter.checkAllowed("10.0.0.1")).doesNotThrowAnyException();
            limiter.failed("10.0.0.1");
        }

        assertThatThrownBy(() -> limiter.checkAllowed("10.0.0.1")).isInstanceOf(ApiException.class)
                .hasMessageContaining("Too many");
        assertThatCode(() -> limiter.checkAllowed("10.0.0.2")).as("other addresses").doesNotThrowAnyException();

        clock.advance(AuthFailureLimiter.WINDOW);
        assertThatCode(() -> limiter.checkAllowed("10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void failuresSpreadOverMoreThanAWindowNeverAddUp() {
        for (int i = 0; i < AuthFailureLimiter.MAX_FAILURES - 1; i++) {
            limiter.failed("10.0.0.1");
        }
        clock.advance(AuthFailureLimiter.WINDOW.plusSeconds(1));
        limiter.failed("10.0.0.1");

        assertThatCode(() -> limiter.checkAllowed("10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void manyAddressesStayWithinTheBound() {
        for (int i = 0; i < AuthFailureLimiter.MAX_ADDRESSES * 2; i++) {
            limiter.failed("10.1." + (i / 256) + "." + (i % 256));
        }

        org.assertj.core.api.Assertions.assertThat(limiter.trackedAddresses())
                .isLessThanOrEqualTo(AuthFailureLimiter.MAX_ADDRESSES);
    }
}
