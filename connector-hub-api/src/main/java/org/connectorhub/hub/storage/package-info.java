/**
 * The hub's relational store: the connection pool and schema ({@link org.connectorhub.hub.storage.Database}),
 * linked accounts ({@link org.connectorhub.hub.accounts.JdbcAccountStore}), projects and API key hashes
 * ({@link org.connectorhub.hub.projects.JdbcProjectStore}). One set of Flyway migrations serves the embedded
 * H2 file database (PostgreSQL mode) and PostgreSQL. Credentials are only ever stored sealed.
 */
package org.connectorhub.hub.storage;
