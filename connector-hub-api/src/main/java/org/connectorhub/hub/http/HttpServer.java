package org.connectorhub.hub.http;

import org.connectorhub.hub.config.HttpConfig;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.connectorhub.hub.storage.StoreException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin server: routes come from the bound {@link RouteContributor}s; every failure becomes
 * a problem response; one access-log line and one timer sample per request (method, path without
 * query string, status, milliseconds; never bodies or headers).
 */
@Singleton
public final class HttpServer implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("org.connectorhub.hub.access");
    private static final int RESPONSE_COPY_BUFFER = 1024;

    private final HttpConfig config;
    private final Set<RouteContributor> contributors;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final PublicUrl publicUrl;
    // one timer per method, route pattern and status (a bounded set), found without building a meter id per call
    private final Map<List<Object>, Timer> requestTimers = new ConcurrentHashMap<>();
    private volatile Javalin app;
    private volatile RouteTable routes;

    @Inject
    public HttpServer(HttpConfig config, Set<RouteContributor> contributors, ObjectMapper mapper, MeterRegistry meters,
            PublicUrl publicUrl) {
        this.config = requireNonNull(config, "config is null");
        this.contributors = requireNonNull(contributors, "contributors is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    @Override
    public int phase() {
        return HTTP;
    }

    @Override
    public void start() {
        RouteTable table = new RouteTable();
        // Javalin 7 takes routes and handlers at configuration time only
        Javalin created = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.defaultContentType = Responses.JSON;
            // Javalin copies every result into the response through a fresh buffer of this size
            // (32 KB by default); our bodies are small, and Jetty buffers the output anyway
            cfg.http.responseBufferSize = RESPONSE_COPY_BUFFER;
            cfg.jetty.threadPool = requestThreads();
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            // Jetty's parser caches header lines per connection and by default matches them ignoring
            // case: a bearer secret that differs from the previous request's only in letter case
            // came out as that previous one (a valid key), so an API key was accepted in the wrong
            // case on a reused connection (a proxy's pooled upstream connection mixes callers)
            cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            cfg.requestLogger.http(this::logRequest);
            registerErrorHandling(cfg.routes);
            table.attach(cfg.routes);
            for (RouteContributor contributor : contributors) {
                contributor.register(table);
            }
        });
        created.start();
        routes = table;
        app = created;
        publicUrl.bound(created.port());
        LOG.info("hub listening on {}:{} (public URL {})", config.host(), created.port(), publicUrl.base());
    }

    /**
     * Javalin's default pool (250 threads at most, 8 kept), its threads at the lowest Java priority.
     * Java ignores priorities on Linux unless the JVM runs with {@code -XX:ThreadPriorityPolicy=1},
     * which {@code bin/hub serve} sets with {@code -XX:JavaPriority1_To_OSPriority=10}: request
     * threads then run at nice 10 while the JIT compiler, the collector and the activity writer stay
     * at 0. Under full load 32 request threads otherwise leave the two compiler threads about 1/17th
     * of the CPU, and a cold hub took minutes, not seconds, to reach its compiled speed
     * (docs/benchmarks.md, scenario 1d). A lower priority never idles a free core.
     */
    static QueuedThreadPool requestThreads() {
        QueuedThreadPool pool = new QueuedThreadPool(250, 8, 60_000);
        pool.setName("JettyServerThreadPool");
        pool.setThreadsPriority(Thread.MIN_PRIORITY);
        return pool;
    }

    @Override
    public void stop() {
        Javalin current = app;
        app = null;
        if (current != null) {
            current.stop();
        }
    }

    /** The bound port (useful when configured with port 0). */
    public int port() {
        Javalin current = app;
        if (current == null) {
            throw new IllegalStateException("the HTTP server is not started");
        }
        return current.port();
    }

    public List<RouteTable.Route> routes() {
        RouteTable current = routes;
        return current == null ? List.of() : current.routes();
    }

    private void registerErrorHandling(RoutesConfig javalin) {
        javalin.exception(ApiException.class, (e, ctx) -> Responses.problem(ctx, mapper, e.problem()));
        javalin.exception(ConnectorHubException.class,
                (e, ctx) -> Responses.problem(ctx, mapper, ProblemMapper.toProblem(e)));
        javalin.exception(HttpResponseException.class, (e, ctx) -> Responses.problem(ctx, mapper,
                Problem.of(e.getStatus(), codeFor(e.getStatus()), titleFor(e.getStatus()), titleFor(e.getStatus()) + ".")));
        javalin.exception(StoreException.class, (e, ctx) -> {
            // our message names the operation and SQLState only, never values
            LOG.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            Responses.problem(ctx, mapper, Problem.of(503, "database_unavailable", "Service unavailable",
                    "The hub's database cannot be reached right now; try again shortly.").withHeader("Retry-After", "5"));
        });
        javalin.exception(Exception.class, (e, ctx) -> {
            // Log the type and where it came from, not the message: it might quote a request.
            LOG.error("unexpected {} on {} {}", e.getClass().getName(), ctx.method(), ctx.path(), stackOnly(e));
            Responses.problem(ctx, mapper, Problem.of(500, "internal_error", "Internal error",
                    "The hub could not complete the request. Nothing about it was logged with your data."));
        });
        javalin.error(404, ctx -> {
            if (ctx.attribute(Responses.PROBLEM_WRITTEN) == null) {
                Responses.problem(ctx, mapper, Problem.of(404, "not_found", "Not found", "No such endpoint: "
                        + ctx.method() + " " + ctx.path() + "."));
            }
        });
        javalin.error(405, ctx -> {
            if (ctx.attribute(Responses.PROBLEM_WRITTEN) == null) {
                Responses.problem(ctx, mapper, Problem.of(405, "method_not_allowed", "Method not allowed",
                        ctx.method() + " is not allowed on " + ctx.path() + "."));
            }
        });
    }

    private static Throwable stackOnly(Throwable e) {
        Throwable copy = new Throwable(e.getClass().getName());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "malformed_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Malformed request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            default -> "HTTP " + status;
        };
    }

    private void logRequest(Context ctx, Float millis) {
        int status = ctx.statusCode();
        String route = routeOf(ctx);
        String method = ctx.method().name();
        if (ACCESS.isInfoEnabled()) {
            // one exact-size string: a {} pattern goes through slf4j's formatter and a growing buffer
            ACCESS.info(method + ' ' + ctx.path() + ' ' + status + ' ' + Math.round(millis) + "ms");
        }
        requestTimers.computeIfAbsent(List.of(method, route, status), key -> Timer.builder("http.server.requests")
                        .description("HTTP requests to the hub")
                        .tag("method", method)
                        .tag("route", route)
                        .tag("status", Integer.toString(status))
                        .register(meters))
                .record(Math.round(millis * 1000.0), TimeUnit.MICROSECONDS);
    }

    private static String routeOf(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null || endpoint.path.isEmpty() ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
