/**
 * Projects: API keys (stored as hashes; listed, created and revoked through {@code /v1/api_keys} and
 * {@code projects keys}; last use written in batches), allowed origins, the first project created at
 * start-up, authentication of platform and end-user requests with its failed-attempt limiter, the JDBC
 * store (whose key and origin changes every hub hears), and the {@code projects} and
 * {@code project-origins} commands. May depend on {@code http}, {@code storage},
 * {@code config}, {@code lifecycle} and {@code cli}.
 */
package org.connectorhub.hub.projects;
