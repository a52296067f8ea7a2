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

    /** A logging config that quiets a connector's logger or cuts it off from the root must not hide a leak. */
    @Test
    void opensLoggersWithTheirOwnLevelOrWithoutAdditivity() {
        ch.qos.logback.classic.Logger quiet = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.example.quiet");
        ch.qos.logback.classic.Logger detached =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.example.detached");
        quiet.setLevel(ch.qos.logback.classic.Level.ERROR);
        detached.setAdditive(false);
        try {
            try (LogCapture logs = LogCapture.start()) {
                quiet.debug("quiet debug");
                detached.info("detached info");

                assertThat(logs.text()).contains("quiet debug").contains("detached info");
            }
            assertThat(quiet.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
        } finally {
            quiet.setLevel(null);
            detached.setAdditive(true);
        }
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
