package org.connectorhub.hub.operability;

import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.connectorhub.hub.storage.DatabaseLifecycle;

/** Health, readiness, Prometheus metrics and the OpenAPI document; no authentication. */
public final class OperabilityRoutes implements RouteContributor {
    static final String OPENAPI_RESOURCE = "/org/connectorhub/hub/operability/openapi.json";
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final ObjectMapper mapper;
    private final DatabaseLifecycle database;
    private final PrometheusMeterRegistry prometheus;

    @Inject
    public OperabilityRoutes(ObjectMapper mapper, DatabaseLifecycle database, PrometheusMeterRegistry prometheus) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.database = requireNonNull(database, "database is null");
        this.prometheus = requireNonNull(prometheus, "prometheus is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/healthz", ctx -> Responses.json(ctx, mapper, 200, Map.of("status", "ok")));
        routes.get("/readyz", this::ready);
        routes.get("/metrics", ctx -> ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(prometheus.scrape()));
        routes.get("/openapi.json", ctx -> ctx.status(200).contentType(Responses.JSON).result(openApi()));
    }

    private void ready(Context ctx) {
        boolean up = database.ping(PING_TIMEOUT);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", up ? "ready" : "not_ready");
        json.put("database", up ? "up" : "down");
        Responses.json(ctx, mapper, up ? 200 : 503, json);
    }

    static byte[] openApi() {
        try (InputStream in = OperabilityRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
