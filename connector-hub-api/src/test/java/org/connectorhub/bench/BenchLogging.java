package org.connectorhub.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Logging as the hub runs in production, not as its tests run: our loggers at INFO (the access
 * log included) into a file, as a deployed hub writes its log; everything else at WARN. The test
 * class path's logback-test.xml turns our loggers to DEBUG, which would log every provider call.
 */
final class BenchLogging {
    private static boolean configured;

    private BenchLogging() {
    }

    static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Path file;
        try {
            file = Files.createTempFile("connector-hub-bench", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().deleteOnExit();
        for (Logger logger : context.getLoggerList()) {
            if (!logger.getName().equals(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
                logger.setLevel(null);
            }
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("bench-hub-log");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        Logger ours = context.getLogger("org.connectorhub");
        ours.setLevel(Level.INFO);
        ours.setAdditive(false);
        ours.addAppender(appender);
    }
}
