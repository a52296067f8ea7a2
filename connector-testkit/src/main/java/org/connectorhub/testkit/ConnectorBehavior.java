package org.connectorhub.testkit;

/**
 * What a connector claims to do, as flags of {@link ConnectorContract}. A connector declares
 * its behaviours by overriding {@link ConnectorContract#hasBehavior(ConnectorBehavior)}; the
 * contract then checks the claim both ways: a claimed behaviour must work, an unclaimed one
 * must be absent or fail cleanly. Nothing is skipped.
 */
public enum ConnectorBehavior {
    /** The connector offers actions; without it, {@code actions()} is empty and running one is refused as unknown. */
    SUPPORTS_ACTIONS(true),
    /** Some optional credential field unlocks a scope (Postmark's Account API Token unlocks {@code account}). */
    HAS_OPTIONAL_SCOPES(false),
    /** The descriptor lists public test credentials that verify in {@code TEST} mode. */
    HAS_TEST_CREDENTIALS(false),
    /** A 429 or 503 with {@code Retry-After} longer than the connector may wait comes back with that delay. */
    REPORTS_RETRY_AFTER(true),
    /** A single transient failure (503) is retried within {@code max_attempts} and the check still succeeds. */
    RETRIES_TRANSIENT_FAILURES(true),
    /** The connector ships a Guice module that contributes it to {@code MapBinder<String, Connector>}. */
    PROVIDES_GUICE_MODULE(true),
    /**
     * Credential values travel to the provider in request headers only, never in the path, the
     * query or the body: URLs end up in access logs and proxies. Not claimed: the provider wants
     * them elsewhere (e.g. an {@code api_key} query parameter), and the contract checks that.
     */
    SENDS_CREDENTIALS_IN_HEADERS_ONLY(true),
    /**
     * The connector offers a passthrough to its provider's API ({@code Connector.proxy()}); without
     * it, a proxied call is refused as {@code proxy_unsupported} before any provider request.
     */
    SUPPORTS_PROXY(false),
    /**
     * The connector offers its provider's events ({@code Connector.providerEvents()}): triggers to
     * choose from, and a reader that refuses what is not the provider's payload without a call.
     */
    SUPPORTS_PROVIDER_EVENTS(false);

    private final boolean byDefault;

    ConnectorBehavior(boolean byDefault) {
        this.byDefault = byDefault;
    }

    /** What the contract assumes when the connector says nothing. */
    public boolean byDefault() {
        return byDefault;
    }
}
