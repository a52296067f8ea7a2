/**
 * Shared HTTP plumbing only: the Javalin server, the route table and
 * {@link org.connectorhub.hub.http.RouteContributor} each capability implements, problem+json errors, JSON
 * body reading, the wire form of core values and the public URL. Knows no capability: it may depend on the
 * core, {@code config}, {@code storage} (to answer 503 when the database is down) and {@code lifecycle}.
 */
package org.connectorhub.hub.http;
