package org.connectorhub.testkit;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
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
 * <p>{@link #everywhere()} also captures {@code java.util.logging} (and with it
 * {@code System.Logger}, which writes there unless a logging library takes it over) at
 * {@code ALL}, and whatever is printed to {@code System.out} and {@code System.err}: a token can
 * leave through any of them.
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
    private final JulCapture jul;
    private final StreamCapture streams;

    private LogCapture(List<String> ignored, boolean everywhere) {
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
        this.jul = everywhere ? new JulCapture() : null;
        this.streams = everywhere ? new StreamCapture() : null;
    }

    /** Starts capturing logback (SLF4J), ignoring {@link #DEFAULT_IGNORED}. */
    public static LogCapture start() {
        return new LogCapture(DEFAULT_IGNORED, false);
    }

    /**
     * Starts capturing logback (SLF4J), {@code java.util.logging} and {@code System.Logger} at
     * every level, and {@code System.out} / {@code System.err} (still printed), ignoring
     * {@link #DEFAULT_IGNORED} loggers. Close captures in the reverse order of opening them.
     */
    public static LogCapture everywhere() {
        return new LogCapture(DEFAULT_IGNORED, true);
    }

    /** Starts capturing, ignoring the default prefixes and these logger name prefixes too. */
    public static LogCapture startIgnoring(String... loggerPrefixes) {
        List<String> all = new ArrayList<>(DEFAULT_IGNORED);
        all.addAll(List.of(requireNonNull(loggerPrefixes, "loggerPrefixes is null")));
        return new LogCapture(all, false);
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

    /**
     * Everything captured as one text, to search for secrets: the logback lines, then (with
     * {@link #everywhere()}) the {@code java.util.logging} lines and what was printed to
     * {@code System.out} and {@code System.err}.
     */
    public String text() {
        StringBuilder text = new StringBuilder(String.join("\n", lines()));
        if (jul != null) {
            jul.lines().forEach(line -> text.append("\n").append(line));
        }
        if (streams != null) {
            text.append("\n[System.out] ").append(streams.out()).append("\n[System.err] ").append(streams.err());
        }
        return text.toString();
    }

    @Override
    public void close() {
        if (streams != null) {
            streams.close();
        }
        if (jul != null) {
            jul.close();
        }
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

    /** {@code java.util.logging} at ALL, on the root logger and on loggers cut off from it. */
    private final class JulCapture extends Handler {
        private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        private final java.util.logging.Level previousRootLevel = julRoot.getLevel();
        private final Map<java.util.logging.Logger, java.util.logging.Level> leveled = new LinkedHashMap<>();
        private final List<java.util.logging.Logger> detached = new ArrayList<>();
        private final List<String> captured = Collections.synchronizedList(new ArrayList<>());
        private final SimpleFormatter formatter = new SimpleFormatter();

        JulCapture() {
            setLevel(java.util.logging.Level.ALL);
            LogManager manager = LogManager.getLogManager();
            for (String name : Collections.list(manager.getLoggerNames())) {
                java.util.logging.Logger logger = manager.getLogger(name);
                if (logger == null || logger == julRoot || isIgnored(name)) {
                    continue;
                }
                if (logger.getLevel() != null) {
                    leveled.put(logger, logger.getLevel());
                    logger.setLevel(java.util.logging.Level.ALL);
                }
                if (!logger.getUseParentHandlers()) {
                    detached.add(logger);
                    logger.addHandler(this);
                }
            }
            julRoot.addHandler(this);
            julRoot.setLevel(java.util.logging.Level.ALL);
        }

        List<String> lines() {
            synchronized (captured) {
                return List.copyOf(captured);
            }
        }

        @Override
        public void publish(LogRecord record) {
            String name = record.getLoggerName() == null ? "" : record.getLoggerName();
            if (isIgnored(name)) {
                return;
            }
            StringBuilder line = new StringBuilder("[java.util.logging] ").append(record.getLevel()).append(' ')
                    .append(name).append(": ").append(formatter.formatMessage(record))
                    .append(" | ").append(record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(" | ").append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append("\n").append(trace);
            }
            captured.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            julRoot.removeHandler(this);
            detached.forEach(logger -> logger.removeHandler(this));
            julRoot.setLevel(previousRootLevel);
            leveled.forEach(java.util.logging.Logger::setLevel);
        }
    }

    /** {@code System.out} and {@code System.err}, copied while they still print. */
    private static final class StreamCapture {
        private final PrintStream previousOut = System.out;
        private final PrintStream previousErr = System.err;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        StreamCapture() {
            System.setOut(new PrintStream(new Tee(previousOut, out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(previousErr, err), true, StandardCharsets.UTF_8));
        }

        String out() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        String err() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        void close() {
            System.out.flush();
            System.err.flush();
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (copy) {
                copy.write(b);
            }
            console.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            synchronized (copy) {
                copy.write(bytes, offset, length);
            }
            console.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }
}
