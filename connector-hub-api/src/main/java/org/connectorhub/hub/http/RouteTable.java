package org.connectorhub.hub.http;

import static java.util.Objects.requireNonNull;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/** Registers routes on the server and remembers them, so a test can hold them against the OpenAPI document. */
public final class RouteTable {
    /** One registered route; {@code documented} routes belong to the API and its OpenAPI document. */
    public record Route(String method, String path, boolean documented) {
        public Route {
            requireNonNull(method, "method is null");
            requireNonNull(path, "path is null");
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private RoutesConfig app;

    RouteTable() {
    }

    /** Routes go to the server's configuration: Javalin 7 takes no routes once it is created. */
    void attach(RoutesConfig config) {
        this.app = requireNonNull(config, "config is null");
    }

    public RouteTable get(String path, Handler handler) {
        return add(HandlerType.GET, path, handler, true);
    }

    public RouteTable post(String path, Handler handler) {
        return add(HandlerType.POST, path, handler, true);
    }

    public RouteTable put(String path, Handler handler) {
        return add(HandlerType.PUT, path, handler, true);
    }

    public RouteTable patch(String path, Handler handler) {
        return add(HandlerType.PATCH, path, handler, true);
    }

    public RouteTable delete(String path, Handler handler) {
        return add(HandlerType.DELETE, path, handler, true);
    }

    /** A page or static file (HTML, JS, CSS), outside the JSON API and its OpenAPI document. */
    public RouteTable page(String path, Handler handler) {
        return add(HandlerType.GET, path, handler, false);
    }

    /** A form post of a page (the operator console), outside the JSON API and its OpenAPI document. */
    public RouteTable form(String path, Handler handler) {
        return add(HandlerType.POST, path, handler, false);
    }

    private RouteTable add(HandlerType method, String path, Handler handler, boolean documented) {
        if (app == null) {
            throw new IllegalStateException("routes are registered while the server is configured");
        }
        app.addHttpHandler(method, path, handler);
        // Javalin's <name> matches across slashes; the OpenAPI document writes it {name}
        routes.add(new Route(method.name(), path.replace('<', '{').replace('>', '}'), documented));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
