package org.connectorhub.hub.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.connectorhub.hub.Hub;
import org.connectorhub.hub.HubModules;
import org.connectorhub.hub.config.HubConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A training run for the JVM's start-up archives: a whole hub on a throw-away data directory, in
 * front of a stand-in Postmark on loopback (two fixed answers), takes real HTTP calls on its
 * action path for a few seconds, then stops and deletes everything. {@code bin/hub} runs it under
 * {@code -XX:ArchiveClassesAtExit} (Java 17: the classes it loaded) or {@code -XX:AOTCacheOutput}
 * (Java 25: classes loaded and linked, and the method profiles of the calls), so that a hub started
 * later begins where this one ended. The training sees no setting of the user's: it builds its own.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Run a throw-away hub under load for a few seconds and stop: bin/hub trains the JVM's "
                + "class-data archive or AOT cache with it.")
public final class TrainCommand implements Callable<Integer> {
    // Postmark's answers, as the fact sheet gives them; the token is never checked
    static final String SERVER_JSON = "{\"ID\":1,\"Name\":\"Training\",\"DeliveryType\":\"Live\"}";
    static final String EMAIL_JSON = "{\"To\":\"receiver@example.com\",\"SubmittedAt\":\"2026-12-06T00:00:00Z\","
            + "\"MessageID\":\"00000000-0000-0000-0000-000000000000\",\"ErrorCode\":0,\"Message\":\"OK\"}";
    private static final byte[] EMAIL_INPUT = ("{\"from\":\"sender@example.com\",\"to\":\"receiver@example.com\","
            + "\"subject\":\"Training\",\"text_body\":\"A training call\"}").getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    @Option(names = "--seconds", paramLabel = "N", description = "How long the action path is called (default 8).")
    int seconds = 8;

    @Option(names = "--concurrency", paramLabel = "N", description = "Calls in flight (default 8).")
    int concurrency = 8;

    public TrainCommand(PrintStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 0 || concurrency < 1) {
            out.println("train: --seconds must be 0 or more and --concurrency 1 or more");
            return ExitCodes.USAGE;
        }
        Path dataDir = Files.createTempDirectory("hub-train");
        HttpServer provider = standInPostmark();
        try {
            // an API key as crypto.ApiKeys makes them (chk_ and 32 random bytes); plumbing imports no capability
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String apiKey = "chk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            HubConfig config = HubConfig.builder()
                    .installedConnectors(HubConfig.discoveredConnectors())
                    .dataDir(dataDir).host("127.0.0.1").port(0).bootstrapApiKey(apiKey)
                    .connector("postmark", "base_url", "http://127.0.0.1:" + provider.getAddress().getPort())
                    .connector("postmark", "max_attempts", "1")
                    .build();
            try (Hub hub = Hub.create(HubModules.server(config, out)).start()) {
                String base = "http://127.0.0.1:" + hub.instance(org.connectorhub.hub.http.HttpServer.class).port();
                Result result = load(base, apiKey);
                out.printf("train: %d calls to send_email in %d s, %d failed%n", result.calls(), seconds, result.failed());
                return result.failed() == 0 && result.calls() > 0 ? ExitCodes.OK : ExitCodes.FAILED;
            }
        } finally {
            provider.stop(0);
            deleteTree(dataDir);
        }
    }

    private record Result(long calls, long failed) {
    }

    private Result load(String base, String apiKey) throws Exception {
        byte[] link = JSON.writeValueAsBytes(Map.of("provider", "postmark", "origin_owner_id", "training",
                "credentials", Map.of("server_token", UUID.randomUUID().toString())));
        Answer linked = post(base + "/v1/accounts", apiKey, link);
        if (linked.status() != 201) {
            throw new IllegalStateException("training: linking answered " + linked.status());
        }
        String send = base + "/v1/accounts/" + JSON.readTree(linked.body()).path("id").asText() + "/actions/send_email";
        AtomicLong calls = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                running.add(threads.submit(() -> {
                    // at least one call each, so that --seconds 0 still goes through the action path
                    do {
                        Answer answer = post(send, apiKey, EMAIL_INPUT);
                        calls.incrementAndGet();
                        if (answer.status() != 200) {
                            failed.incrementAndGet();
                        }
                    } while (System.nanoTime() < end);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return new Result(calls.get(), failed.get());
    }

    private record Answer(int status, byte[] body) {
    }

    private static Answer post(String url, String apiKey, byte[] body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            connection.setRequestProperty("Authorization", "Bearer " + apiKey);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream output = connection.getOutputStream()) {
                output.write(body);
            }
            int status = connection.getResponseCode();
            // read to the end either way: the connection goes back to the keep-alive cache
            try (InputStream input = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                return new Answer(status, input == null ? new byte[0] : input.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Postmark's {@code GET /server} and {@code POST /email}, fixed answers, on a free loopback port. */
    static HttpServer standInPostmark() throws IOException {
        // else each answer waits ~40 ms for a delayed ACK; read once, when the JDK's server is first
        // used. As FakeProviderServer does, a value set on the command line wins
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/server", exchange -> answer(exchange, SERVER_JSON));
        server.createContext("/email", exchange -> answer(exchange, EMAIL_JSON));
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "train-provider");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
