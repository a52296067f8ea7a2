/**
 * The one persistence layer every JDBC store uses: the connection pool and schema
 * ({@link org.connectorhub.hub.storage.Database}), Flyway migrations (one set for the embedded H2 file
 * database in PostgreSQL mode and for PostgreSQL), the JDBC helpers, SQL states, the read cache
 * (Caffeine), the change notices stores send in their transactions and the listener that keeps every
 * hub's caches in step with them ({@code ChangeNotices}, {@code ChangeListener}, {@code CacheRegistry}),
 * and the store-to-store copier behind {@code store migrate}. Store ports and their JDBC adapters live in their
 * capability (accounts in {@code accounts}, projects in {@code projects}, ...). Credentials are only
 * ever stored sealed. May depend on {@code config} and {@code lifecycle}, never on a capability.
 */
package org.connectorhub.hub.storage;
