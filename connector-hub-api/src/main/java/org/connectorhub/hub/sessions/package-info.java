/**
 * Connect sessions: the short-lived, single-use tokens with which an end user links an account on
 * the Hub page. Holds the logic ({@link org.connectorhub.hub.sessions.ConnectSessions}), its store port
 * ({@link org.connectorhub.hub.sessions.SessionStore}) and JDBC adapter, and the session's wire form. May
 * depend on the core, {@code http}, {@code storage} and {@code config}.
 */
package org.connectorhub.hub.sessions;
