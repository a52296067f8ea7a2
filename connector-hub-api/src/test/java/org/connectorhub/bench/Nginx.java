package org.connectorhub.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as a process of the bench's own (its own prefix, config and free loopback port,
 * one worker, no access log): either the zero-cost provider, answering {@code GET /server} and
 * {@code POST /email} with fixed Postmark-shaped JSON, or a proxy hop in front of it, the floor
 * the hub is compared with. Its CPU time is read from {@code /proc} for the master and its workers.
 */
final class Nginx implements AutoCloseable {
    static final String SERVER_JSON = "{\"ID\":1,\"Name\":\"Bench\",\"DeliveryType\":\"Live\"}";
    static final String EMAIL_JSON = "{\"To\":\"receiver@example.com\",\"SubmittedAt\":\"2026-12-04T00:00:00Z\","
            + "\"MessageID\":\"0a129aee-e1cd-480d-b08d-4f48548ff48d\",\"ErrorCode\":0,\"Message\":\"OK\"}";

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The nginx binary, if installed ({@code apt-get install nginx-light}). */
    static Optional<Path> binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** A fixed-answer Postmark: the provider costs almost nothing. */
    static Nginx provider(Path binary, Path workDir) throws IOException, InterruptedException {
        return start(binary, workDir, "provider", port -> """
                server {
                    listen 127.0.0.1:%d;
                    location = /server { default_type application/json; return 200 '%s'; }
                    location = /email { default_type application/json; return 200 '%s'; }
                }
                """.formatted(port, SERVER_JSON, EMAIL_JSON));
    }

    /** A proxy hop in front of {@code upstreamPort}, with keep-alive to it, as a hub is one. */
    static Nginx hop(Path binary, Path workDir, int upstreamPort) throws IOException, InterruptedException {
        return start(binary, workDir, "hop", port -> """
                upstream provider { server 127.0.0.1:%d; keepalive 64; }
                server {
                    listen 127.0.0.1:%d;
                    location / {
                        proxy_pass http://provider;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                    }
                }
                """.formatted(upstreamPort, port));
    }

    private interface Servers {
        String config(int port);
    }

    private static Nginx start(Path binary, Path workDir, String name, Servers servers) throws IOException, InterruptedException {
        Path prefix = Files.createTempDirectory(workDir, "nginx-" + name);
        Path temp = Files.createDirectories(prefix.resolve("tmp"));
        // workers of a root master run as nobody: they must be able to write their temp files
        Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = freePort();
        String config = """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    keepalive_requests 10000000;
                    keepalive_timeout 120s;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    %3$s
                }
                """.formatted(prefix, temp, servers.config(port));
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, config);
        Process process = new ProcessBuilder(binary.toString(), "-p", prefix.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("out.log").toFile()).start();
        Nginx nginx = new Nginx(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx (" + name + ") ended: " + Files.readString(prefix.resolve("out.log"))
                        + (Files.exists(prefix.resolve("error.log")) ? Files.readString(prefix.resolve("error.log")) : ""));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return nginx;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx (" + name + ") did not listen within 10 s");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** User + system CPU seconds of the master and its workers so far. */
    double cpuSeconds() {
        double total = cpuSecondsOf(process.pid());
        for (long child : children(process.pid())) {
            total += cpuSecondsOf(child);
        }
        return total;
    }

    private static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        try {
            String text = Files.readString(Path.of("/proc/" + pid + "/task/" + pid + "/children")).strip();
            for (String id : text.isEmpty() ? new String[0] : text.split("\\s+")) {
                children.add(Long.parseLong(id));
            }
        } catch (IOException | RuntimeException gone) {
            // no /proc or the process ended: no children to count
        }
        return children;
    }

    static double cpuSecondsOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        // TERM is a fast shutdown for nginx; its workers follow the master
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
