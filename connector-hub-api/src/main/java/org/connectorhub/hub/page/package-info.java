/**
 * The Hub page and its end-user API together: the static page and its assets and security headers,
 * and the session-authenticated routes the page calls to list providers and link accounts. May depend on
 * the core, {@code http}, {@code config}, {@code projects}, {@code sessions} and {@code accounts}.
 */
package org.connectorhub.hub.page;
