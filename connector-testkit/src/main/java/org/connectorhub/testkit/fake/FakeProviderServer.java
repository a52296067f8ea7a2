package org.connectorhub.testkit.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * A fake provider: a real HTTP server on 127.0.0.1 with routes, recorded requests and faults.
 *
 * <pre>{@code
 * try (FakeProviderServer fake = FakeProviderServer.start()) {
 *     fake.route("GET", "/servers/{id}", request -> FakeResponse.json(200, "{\"ID\":" + request.pathParams().get("id") + "}"));
 *     fake.faults().add("GET", "/servers/{id}", Fault.unavailable(Duration.ofSeconds(2)).times(1));
 *     // point the client under test at fake.baseUri()
 * }
 * }</pre>
 *
 * <p>A trailing slash on the request path is accepted; an unknown route answers 404 with JSON;
 * a failing handler answers 500. Every request is recorded, faulted ones too. Requests run on a
 * cached pool, so a delayed request never blocks the others.
 */
public final class FakeProviderServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FakeProviderServer.class);

    static {
        // The JDK server writes headers and body separately; with Nagle on, each answer waits for the
        // client's delayed ACK (~40 ms). Read once when the JDK's server classes load; a value already set wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final Faults faults = new Faults(this::ignoresPathCase);
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean ignorePathCase;

    private FakeProviderServer(HttpServer server, ExecutorService executor) {
        this.server = requireNonNull(server, "server is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    /** Starts on a free port of 127.0.0.1. */
    public static FakeProviderServer start() {
        return start(0);
    }

    /** Starts on this port of 127.0.0.1 (0 for a free one). */
    public static FakeProviderServer start(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        FakeProviderServer fake = new FakeProviderServer(server, executor);
        server.createContext("/", fake::exchange);
        server.setExecutor(executor);
        server.start();
        return fake;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Answers {@code method} (any case, {@code *} for all) on {@code pathTemplate} (like
     * {@code /servers/{id}}) with the handler; a route with the same method and template is replaced.
     * With several matches, the template with more literal segments wins.
     */
    public FakeProviderServer route(String method, String pathTemplate, FakeHandler handler) {
        requireNonNull(method, "method is null");
        requireNonNull(handler, "handler is null");
        String normalizedMethod = method.toUpperCase(Locale.ROOT);
        PathTemplate template = new PathTemplate(pathTemplate);
        routes.removeIf(route -> route.method.equals(normalizedMethod) && route.template.template().equals(template.template()));
        routes.add(new Route(normalizedMethod, template, handler));
        return this;
    }

    /**
     * Lets literal path segments match in any case ({@code /deliveryStats} for {@code /deliverystats}),
     * as providers on case-insensitive routers do. Off by default: a strict fake catches more mistakes.
     */
    public FakeProviderServer ignorePathCase(boolean ignore) {
        this.ignorePathCase = ignore;
        return this;
    }

    public boolean ignoresPathCase() {
        return ignorePathCase;
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    /** The requests with this method (any case) on this path or path template (trailing slash ignored). */
    public List<RecordedRequest> requests(String method, String path) {
        requireNonNull(method, "method is null");
        PathTemplate template = new PathTemplate(path);
        return recorded.stream()
                .filter(request -> request.method().equalsIgnoreCase(method))
                .filter(request -> template.match(request.path(), ignorePathCase).isPresent())
                .toList();
    }

    public int requestCount() {
        return recorded.size();
    }

    public void clearRequests() {
        recorded.clear();
    }

    public Faults faults() {
        return faults;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            FakeRequest request = read(exchange);
            recorded.add(new RecordedRequest(request.method(), request.path(), request.query(), request.headers(),
                    request.body(), Instant.now()));
            for (Fault fault : faults.take(request.method(), request.path())) {
                if (fault instanceof Fault.Delay delay) {
                    if (!pause(delay.duration())) {
                        return;
                    }
                } else if (fault instanceof Fault.Drop) {
                    // closing an exchange before its headers are sent closes the connection, answering nothing
                    return;
                } else if (fault instanceof Fault.Reply reply) {
                    write(exchange, reply.response());
                    return;
                }
            }
            write(exchange, answer(request));
        } catch (IOException e) {
            // the client went away (a read timeout, say): nothing left to answer
            log.debug("fake provider could not finish an exchange: {}", e.toString());
        } catch (RuntimeException e) {
            log.warn("fake provider failed on an exchange", e);
        }
    }

    private FakeResponse answer(FakeRequest request) {
        Optional<Match> match = routes.stream()
                .map(route -> route.match(request.method(), request.path(), ignorePathCase))
                .flatMap(Optional::stream)
                .max(Comparator.comparingInt(found -> found.route.template.literals()));
        if (match.isEmpty()) {
            return FakeResponse.json(404, "{\"error\":\"not_found\",\"message\":\"no route for "
                    + json(request.method() + " " + request.path()) + "\"}");
        }
        FakeRequest routed = new FakeRequest(request.method(), request.path(), match.get().params, request.query(),
                request.headers(), request.body());
        try {
            FakeResponse response = match.get().route.handler.handle(routed);
            if (response == null) {
                throw new IllegalStateException("handler returned no response");
            }
            return response;
        } catch (RuntimeException e) {
            log.warn("fake provider handler for {} {} failed", request.method(), match.get().route.template.template(), e);
            return FakeResponse.json(500, "{\"error\":\"handler_failed\",\"message\":\"the fake's handler threw "
                    + json(e.getClass().getSimpleName()) + "\"}");
        }
    }

    private boolean pause(Duration duration) {
        try {
            return !closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static FakeRequest read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        return new FakeRequest(
                exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                PathTemplate.normalize(uri.getPath()),
                Map.of(),
                query(uri.getRawQuery()),
                headers,
                body);
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static void write(HttpExchange exchange, FakeResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Escapes a string for a JSON string literal. */
    static String json(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger threads = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "fake-provider-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Route(String method, PathTemplate template, FakeHandler handler) {
        Optional<Match> match(String requestMethod, String path, boolean ignoreCase) {
            if (!method.equals("*") && !method.equals(requestMethod)) {
                return Optional.empty();
            }
            return template.match(path, ignoreCase).map(params -> new Match(this, params));
        }
    }

    private record Match(Route route, Map<String, String> params) {
    }
}
