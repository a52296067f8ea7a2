package org.connectorhub.hub.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A platform's webhook receiver on loopback (the JDK HTTP server): records every request and
 * answers 200, or a status queued with {@link #failNext}, or 503 while {@link #down}.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. */
    public record Received(Map<String, List<String>> headers, byte[] body, int answeredWith) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String type() {
            return json().path("type").asText();
        }

        public String accountId() {
            return json().path("data").path("account").path("id").asText();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger downStatus = new AtomicInteger();
    private final AtomicInteger hangs = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (receiver.hangs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    // a receiver that never answers in time: held until the test ends
                    receiver.received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, 0));
                    try {
                        receiver.released.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                    return;
                }
                Integer failure = receiver.failures.poll();
                int down = receiver.downStatus.get();
                int status = down != 0 ? down : failure != null ? failure : 200;
                receiver.received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "webhook-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The next {@code times} requests get {@code status}. */
    public WebhookReceiver failNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(status);
        }
        return this;
    }

    /** The next {@code times} requests get no answer until {@link #close()}. */
    public WebhookReceiver hangNext(int times) {
        hangs.addAndGet(times);
        return this;
    }

    /** Every request gets 503 until {@link #up()}. */
    public WebhookReceiver down() {
        downStatus.set(503);
        return this;
    }

    public WebhookReceiver up() {
        downStatus.set(0);
        return this;
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    /** The requests this receiver answered with 2xx, in arrival order. */
    public List<Received> accepted() {
        List<Received> accepted = new ArrayList<>();
        for (Received request : received) {
            if (request.answeredWith() >= 200 && request.answeredWith() < 300) {
                accepted.add(request);
            }
        }
        return accepted;
    }

    /** Types of the accepted events of one account, in arrival order. */
    public List<String> acceptedTypes(String accountId) {
        return accepted().stream().filter(r -> r.accountId().equals(accountId)).map(Received::type).toList();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
