package org.connectorhub.testkit;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of every logger, at TRACE, while it is open: formatted messages,
 * arguments, MDC and whole throwables, so a test can search them for a secret.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     connector.verifier().verify(credentials);
 *     assertThatText(logs.text()).containsNoSecretOf(credentials);
 * }
 * }</pre>
 *
 * <p>Loggers of fake providers and of embedded servers are left out by default
 * ({@link #DEFAULT_IGNORED}): a fake sees tokens on the wire by design, and what it logs is not
 * the connector's doing.
 */
public final class LogCapture implements AutoCloseable {
    /** Logger name prefixes whose events are not the connector's. */
    public static final List<String> DEFAULT_IGNORED = List.of(
            "org.connectorhub.testkit.fake", "org.connectorhub.testkit.postmark",
            "org.eclipse.jetty", "io.javalin", "com.sun.net.httpserver");

    private final Logger root;
    private final Level previousRootLevel;
    private final Map<Logger, Level> quieted = new LinkedHashMap<>();
    private final Map<Logger, Level> opened = new LinkedHashMap<>();
    private final List<Logger> nonAdditive = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<String> ignored;

    private LogCapture(List<String> ignored) {
        this.ignored = List.copyOf(ignored);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        this.previousRootLevel = root.getLevel();
        appender.setContext(context);
        appender.setName("connectorhub-log-capture-" + System.identityHashCode(this));
        appender.start();
        // Keeps chatty servers below TRACE so the console stays readable; their events are ignored anyway.
        for (String prefix : this.ignored) {
            Logger logger = context.getLogger(prefix);
            quieted.put(logger, logger.getLevel());
            logger.setLevel(Level.INFO);
        }
        // A logger configured with its own level or without additivity would hide events from
        // the root logger; open it up for the capture and restore it afterwards.
        for (Logger logger : context.getLoggerList()) {
            if (logger == root || isIgnored(logger.getName())) {
                continue;
            }
            if (logger.getLevel() != null) {
                opened.put(logger, logger.getLevel());
                logger.setLevel(Level.TRACE);
            }
            if (!logger.isAdditive()) {
                nonAdditive.add(logger);
                logger.addAppender(appender);
            }
        }
        root.addAppender(appender);
        root.setLevel(Level.TRACE);
    }

    /** Starts capturing, ignoring {@link #DEFAULT_IGNORED}. */
    public static LogCapture start() {
        return new LogCapture(DEFAULT_IGNORED);
    }

    /** Starts capturing, ignoring the default prefixes and these logger name prefixes too. */
    public static LogCapture startIgnoring(String... loggerPrefixes) {
        List<String> all = new ArrayList<>(DEFAULT_IGNORED);
        all.addAll(List.of(requireNonNull(loggerPrefixes, "loggerPrefixes is null")));
        return new LogCapture(all);
    }

    /** The captured events of the connector's loggers, in order. */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return appender.list.stream().filter(e -> !isIgnored(e.getLoggerName())).toList();
        }
    }

    /** One line per event: level, logger, formatted message, raw message, arguments, MDC, then any throwable in full. */
    public List<String> lines() {
        return events().stream().map(LogCapture::render).toList();
    }

    /** Everything captured as one text, to search for secrets. */
    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        nonAdditive.forEach(logger -> logger.detachAppender(appender));
        appender.stop();
        root.setLevel(previousRootLevel);
        opened.forEach(Logger::setLevel);
        quieted.forEach(Logger::setLevel);
    }

    private boolean isIgnored(String loggerName) {
        return ignored.stream().anyMatch(prefix -> loggerName.equals(prefix) || loggerName.startsWith(prefix + "."));
    }

    private static String render(ILoggingEvent event) {
        StringBuilder out = new StringBuilder()
                .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(": ")
                .append(event.getFormattedMessage());
        // The raw message and arguments matter too: a custom layout could print them differently.
        out.append(" | ").append(event.getMessage());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                out.append(" | ").append(argument);
            }
        }
        if (event.getMDCPropertyMap() != null && !event.getMDCPropertyMap().isEmpty()) {
            out.append(" | mdc=").append(event.getMDCPropertyMap());
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            appendThrowable(out, t);
            for (IThrowableProxy suppressed : t.getSuppressed()) {
                appendThrowable(out, suppressed);
            }
        }
        return out.toString();
    }

    private static void appendThrowable(StringBuilder out, IThrowableProxy throwable) {
        out.append("\n  ").append(throwable.getClassName()).append(": ").append(throwable.getMessage());
        for (StackTraceElementProxy frame : throwable.getStackTraceElementProxyArray()) {
            out.append("\n    ").append(frame.getSTEAsString());
        }
    }
}
