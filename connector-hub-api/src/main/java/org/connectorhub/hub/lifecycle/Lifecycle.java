package org.connectorhub.hub.lifecycle;

/**
 * Something the hub starts and stops: the database pool, the cipher, the HTTP server. The
 * {@link Hub} starts them by {@link #phase()} (ties in binding order) and stops them in reverse;
 * constructors do no I/O.
 */
public interface Lifecycle {
    int DATABASE = 100;
    int CIPHER = 200;
    int CONNECTORS = 300;
    int BOOTSTRAP = 400;
    int HTTP = 900;

    void start();

    void stop();

    /** When to start: lower first (database, then cipher, connectors, bootstrap, HTTP). */
    int phase();

    default String name() {
        return getClass().getSimpleName();
    }
}
