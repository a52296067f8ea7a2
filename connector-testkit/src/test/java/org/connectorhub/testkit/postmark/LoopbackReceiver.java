package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A tiny webhook receiver on 127.0.0.1 (the JDK's HttpServer): records every POST, answers the queued statuses, then 200. */
final class LoopbackReceiver implements AutoCloseable {
    record Received(String method, String path, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        JsonNode json() {
            try {
                return PostmarkHttp.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The user:password of a Basic Authorization header, empty without one. */
        Optional<String> basicCredentials() {
            return header("Authorization").filter(value -> value.startsWith("Basic "))
                    .map(value -> new String(Base64.getDecoder().decode(value.substring(6)), StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();

    private LoopbackReceiver(HttpServer server) {
        this.server = server;
    }

    static LoopbackReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackReceiver receiver = new LoopbackReceiver(server);
            server.createContext("/", exchange -> {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
                int status;
                synchronized (receiver) {
                    receiver.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
                    status = receiver.answers.isEmpty() ? 200 : receiver.answers.poll();
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next answers, in order; 200 after them. */
    synchronized LoopbackReceiver answer(Integer... statuses) {
        answers.addAll(List.of(statuses));
        return this;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** {@code http://127.0.0.1:PORT} + path. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    URI uri(String path) {
        return URI.create(url(path));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
