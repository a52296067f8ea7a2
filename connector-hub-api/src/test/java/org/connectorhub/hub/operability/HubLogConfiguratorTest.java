package org.connectorhub.hub.operability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HubLogConfiguratorTest {
    private final ClassLoader original = Thread.currentThread().getContextClassLoader();

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(original);
    }

    @Test
    void withoutALogbackFileItLogsToStderrAndQuietsChattyLibraries() {
        // the test class path has a logback-test.xml: hide it, as in the runnable jar
        Thread.currentThread().setContextClassLoader(new ClassLoader(original) {
            @Override
            public URL getResource(String name) {
                return name.startsWith("logback") ? null : super.getResource(name);
            }
        });
        LoggerContext context = new LoggerContext();
        HubLogConfigurator configurator = new HubLogConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern()).isEqualTo(HubLogConfigurator.PATTERN);
        assertThat(context.getLogger("org.eclipse.jetty.server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.flywaydb.core").getEffectiveLevel()).isEqualTo(Level.WARN);
        // HikariCP 7 logs the pool's JDBC URL at INFO: a URL may carry a user and a password
        assertThat(context.getLogger("com.zaxxer.hikari.pool.HikariPool").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.connectorhub.hub").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void aLogbackFileOnTheClassPathWins() {
        LoggerContext context = new LoggerContext();
        HubLogConfigurator configurator = new HubLogConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    }
}
