package org.connectorhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogCaptureTest {
    private static final Logger log = LoggerFactory.getLogger(LogCaptureTest.class);

    @Test
    void capturesTraceMessagesArgumentsMdcAndThrowables() {
        try (LogCapture logs = LogCapture.start()) {
            log.trace("tracing {}", "an argument");
            MDC.put("request", "r-1");
            try {
                log.info("with context");
            } finally {
                MDC.remove("request");
            }
            log.warn("it failed", new IllegalStateException("outer", new RuntimeException("inner cause")));

            assertThat(logs.text())
                    .contains("TRACE " + LogCaptureTest.class.getName() + ": tracing an argument")
                    .contains("mdc={request=r-1}")
                    .contains("java.lang.IllegalStateException: outer")
                    .contains("java.lang.RuntimeException: inner cause");
            assertThat(logs.events()).hasSize(3);
        }
    }

    @Test
    void stopsCapturingWhenClosedAndRestoresTheLevel() {
        boolean traceBefore = log.isTraceEnabled();
        LogCapture logs = LogCapture.start();
        logs.close();
        log.error("after close");

        assertThat(logs.events()).isEmpty();
        assertThat(log.isTraceEnabled()).isEqualTo(traceBefore);
    }

    /** A fake sees tokens on the wire by design; its logs are not the connector's. */
    @Test
    void leavesOutFakesAndIgnoredPrefixes() {
        try (LogCapture logs = LogCapture.startIgnoring("org.example.noisy")) {
            LoggerFactory.getLogger("org.connectorhub.testkit.fake.FakeProviderServer").warn("fake");
            LoggerFactory.getLogger("org.example.noisy.Thing").warn("noisy");
            LoggerFactory.getLogger("org.example.noisyneighbour").warn("kept");

            assertThat(logs.lines()).hasSize(1).first().asString().contains("kept");
        }
    }
}
