package org.connectorhub.hub.http;

/**
 * A group of routes. Contributors are bound with {@code Multibinder<RouteContributor>} (see
 * {@code HttpModule}); API routes go through {@link RouteTable#get} and friends and must appear
 * in {@code openapi.json}; static pages (the Hub page at {@code /hub}) use {@link RouteTable#page}.
 */
@FunctionalInterface
public interface RouteContributor {
    void register(RouteTable routes);
}
