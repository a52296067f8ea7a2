package org.connectorhub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load from {@code wrk} (Debian's {@code wrk}), as issue 16 measured the hub: a C load generator that
 * costs the two cores far less than a Java one would, so the hub and the hop get the CPU they would
 * get behind a real platform. POSTs one body to a list of paths, round-robin per wrk thread, with a
 * bearer key; answers other than 2xx and socket errors count as errors.
 */
final class Wrk {
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([\\d.]+)(us|ms|s|m)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final String SCRIPT = """
            local paths = {}
            for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
            local body = io.open(os.getenv("WRK_BODY")):read("*a")
            local i = 0
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            local key = os.getenv("WRK_KEY")
            if key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
            request = function()
              i = i % #paths + 1
              return wrk.format("POST", paths[i], nil, body)
            end
            """;

    private final Path binary;
    private final Path dir;

    private Wrk(Path binary, Path dir) {
        this.binary = binary;
        this.dir = dir;
    }

    /** wrk where Debian puts it, or on the PATH; empty where it is not installed. */
    static Optional<Wrk> find(Path workDir) throws IOException {
        for (String candidate : List.of("/usr/bin/wrk", "/usr/local/bin/wrk")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                Path dir = Files.createTempDirectory(workDir, "wrk");
                Files.writeString(dir.resolve("post.lua"), SCRIPT, StandardCharsets.UTF_8);
                return Optional.of(new Wrk(path, dir));
            }
        }
        return Optional.empty();
    }

    /** {@code connections} connections over two wrk threads for {@code duration}, POSTing {@code body} to each path in turn. */
    LoadResult run(String name, String baseUrl, String apiKey, List<String> paths, byte[] body, int connections,
            Duration duration) throws IOException, InterruptedException {
        Path pathFile = Files.createTempFile(dir, "paths", ".txt");
        Path bodyFile = Files.createTempFile(dir, "body", ".json");
        Files.write(pathFile, paths, StandardCharsets.UTF_8);
        Files.write(bodyFile, body);
        long seconds = Math.max(1, duration.toSeconds());
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-t2", "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", dir.resolve("post.lua").toString(), baseUrl + paths.get(0))
                .redirectErrorStream(true);
        builder.environment().put("WRK_PATHS", pathFile.toString());
        builder.environment().put("WRK_BODY", bodyFile.toString());
        builder.environment().put("WRK_KEY", apiKey);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk failed: " + out);
        }
        Files.deleteIfExists(pathFile);
        Files.deleteIfExists(bodyFile);
        return parse(name, connections, out);
    }

    static LoadResult parse(String name, int connections, String out) {
        Matcher requests = REQUESTS.matcher(out);
        if (!requests.find()) {
            throw new IllegalStateException("wrk printed no request count: " + out);
        }
        long total = Long.parseLong(requests.group(1));
        double elapsed = micros(requests.group(2), requests.group(3)) / 1e6;
        double p50 = 0;
        double p99 = 0;
        Matcher percentile = PERCENTILE.matcher(out);
        while (percentile.find()) {
            double value = micros(percentile.group(2), percentile.group(3));
            if (percentile.group(1).equals("50")) {
                p50 = value;
            } else {
                p99 = value;
            }
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        long ops = Math.max(0, total - errors);
        return new LoadResult(name, connections, ops, errors, elapsed, ops / elapsed, p50, p99, -1, -1,
                errors > 0 ? "non-2xx or socket errors" : "", -1);
    }

    private static double micros(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v;
            case "ms" -> v * 1e3;
            case "s" -> v * 1e6;
            default -> v * 60e6;
        };
    }
}
