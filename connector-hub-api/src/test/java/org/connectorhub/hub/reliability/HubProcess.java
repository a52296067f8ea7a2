package org.connectorhub.hub.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubMain;

/**
 * The hub as a separate JVM ({@code HubMain}, on this test JVM's class path, so nothing needs
 * packaging), for crash tests: {@link #kill()} sends SIGKILL ({@code destroyForcibly} on Linux).
 * Output goes to a log file in the data dir's parent, for a failing test to show.
 */
final class HubProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private HubProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code hub serve} and waits until /healthz answers. */
    static HubProcess serve(Path dataDir, String apiKey, String postmarkUrl, String... moreArgs) {
        return serve(System.getProperty("java.class.path"), dataDir, apiKey, postmarkUrl, moreArgs);
    }

    /** {@code hub serve} on another class path (an older library in place of today's). */
    static HubProcess serve(String classPath, Path dataDir, String apiKey, String postmarkUrl, String... moreArgs) {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--data-dir", dataDir.toString(), "--bootstrap-api-key", apiKey, "--postmark-base-url", postmarkUrl,
                "--connector", "postmark.max_attempts=1", "--connector", "postmark.read_timeout_ms=5000"));
        args.addAll(List.of(moreArgs));
        HubProcess hub = start(classPath, dataDir, "serve-" + port, args.toArray(String[]::new));
        HubProcess started = new HubProcess(hub.process, hub.log, port);
        HubClient client = started.client();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!started.process.isAlive()) {
                throw new IllegalStateException("the hub process ended: " + started.output());
            }
            try {
                return client.get("/healthz", null).status() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        return started;
    }

    /** Runs a CLI command ({@code keys reseal ...}) as its own process. */
    static HubProcess start(Path dataDir, String name, String... args) {
        return start(System.getProperty("java.class.path"), dataDir, name, args);
    }

    private static HubProcess start(String classPath, Path dataDir, String name, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=" + logbackConfig(),
                "-cp", classPath, HubMain.class.getName()));
        command.addAll(List.of(args));
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + name + "-" + System.nanoTime() + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new HubProcess(process, log, -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HubClient client() {
        return new HubClient("http://127.0.0.1:" + port);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no close. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    int waitFor() {
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the process did not end");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "cannot read " + log + ": " + e;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // INFO to the process's own log: DEBUG from a child is noise here (leaks are LeakTest's job)
    private static String logbackConfig() {
        try {
            Path config = Files.createTempFile("hub-process-logback", ".xml");
            Files.writeString(config, "<configuration><appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                    + "<encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder></appender>"
                    + "<root level=\"INFO\"><appender-ref ref=\"OUT\"/></root></configuration>");
            config.toFile().deleteOnExit();
            return config.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
