package org.connectorhub.hub.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every hub-level {@code HUB_*} variable, with its kind and help text. The environment reader,
 * the unknown-variable warning and the command-line flags ({@code HUB_MAX_BODY_BYTES} is
 * {@code --max-body-bytes}) all come from this one list. Connector settings
 * ({@code HUB_<PROVIDER>_<KEY>}) are not here: the installed connectors declare them.
 */
public enum HubVariable {
    HOST(Kind.TEXT, "Address to bind (default 127.0.0.1; 0.0.0.0 for all interfaces)"),
    PORT(Kind.INTEGER, "HTTP port (default 8080; 0 picks a free one)"),
    MAX_BODY_BYTES(Kind.INTEGER, "Largest request body in bytes (default 10 MB)"),
    PUBLIC_URL(Kind.TEXT, "Base URL end users reach the hub at (default http://localhost:<port>)"),
    ALLOWED_ORIGINS(Kind.LIST, "Origins that may embed the default project's Hub page, comma-separated"),
    DATA_DIR(Kind.PATH, "Data directory: the embedded database and the master key file (default ./hub-data)"),
    DB_URL(Kind.TEXT, "JDBC URL, jdbc:h2: or jdbc:postgresql: (default the embedded H2 file in the data dir)"),
    DB_USER(Kind.TEXT, "Database user"),
    DB_PASSWORD(Kind.SECRET, "Database password"),
    MASTER_KEY(Kind.SECRET, "Master key, base64 of 32 bytes; prefer the key file"),
    MASTER_KEY_FILE(Kind.PATH, "Master key file (default <data dir>/master.key, created on first start)"),
    BOOTSTRAP_API_KEY(Kind.SECRET, "API key of the default project"),
    CACHE_API_KEY_TTL(Kind.DURATION, "How long an API key lookup is cached, 0 to 5m (default 5s)"),
    CACHE_ACCOUNT_TTL(Kind.DURATION, "How long an account row is cached on the action path, 0 to 5m (default 60s)"),
    CACHE_MAX_ENTRIES(Kind.INTEGER, "Entries per cache, 0 turns caching off (default 10000)"),
    WEBHOOKS_ALLOW_PRIVATE(Kind.BOOLEAN, "Allow loopback and private addresses as webhook endpoints (default false)"),
    WEBHOOKS_RETRY_BASE(Kind.DURATION, "First webhook retry delay; each next one doubles, with jitter (default 30s)"),
    WEBHOOKS_RETRY_MAX_DELAY(Kind.DURATION, "Longest delay between two webhook attempts (default 1h)"),
    WEBHOOKS_RETRY_FOR(Kind.DURATION, "How long after the event webhook attempts go on (default 3d)"),
    WEBHOOKS_TIMEOUT(Kind.DURATION, "Whole webhook request, connect included (default 10s)"),
    WEBHOOKS_CONCURRENCY(Kind.INTEGER, "Webhook requests in flight per hub (default 8)"),
    WEBHOOKS_POLL_INTERVAL(Kind.DURATION, "How often the webhook outbox is read (default 1s)"),
    RECHECK_INTERVAL(Kind.DURATION, "Time between two health checks of an account (default 24h)"),
    RECHECK_CONCURRENCY(Kind.INTEGER, "Health checks at once per provider (default 4)"),
    RECHECK_TICK(Kind.DURATION, "How often the re-check scheduler looks for due accounts (default 1m)"),
    LOGS_ENABLED(Kind.BOOLEAN, "Keep an activity log of actions and proxied calls (default true)"),
    LOGS_BODIES(Kind.BOOLEAN, "Keep request and response bodies in the activity log, redacted, cut at 16 KB (default false)"),
    LOGS_RETENTION(Kind.DURATION, "How long activity log entries are kept (default 30d)"),
    LOGS_QUEUE(Kind.INTEGER, "Activity entries waiting to be written; beyond, the oldest are dropped (default 10000)"),
    LOGS_BATCH_SIZE(Kind.INTEGER, "Activity entries written per insert batch (default 200)"),
    AUDIT_RETENTION(Kind.DURATION, "How long audit trail entries are kept (default: for ever)"),
    PROXY_MAX_BODY_BYTES(Kind.INTEGER, "Largest body passed through the proxy, either way, in bytes (default 10 MB)"),
    PROVIDER_EVENTS_ALLOW_PRIVATE(Kind.BOOLEAN, "Allow a public URL providers cannot reach (loopback, private) for provider events (default false)"),
    PROVIDER_EVENTS_POLL_INTERVAL(Kind.DURATION, "How often pending provider event subscriptions are worked on (default 2s)"),
    PROVIDER_EVENTS_RETRY_BASE(Kind.DURATION, "First retry of a provider event subscription after an outage; doubles up to 1h (default 30s)");

    /**
     * Variables of the {@code bin/hub} and {@code bin/bench} launchers (which java, heap, start-up
     * archive, thread priorities, JVM options, rebuild, build folder): the hub itself ignores them, but knows them, so they
     * draw no warning and are never taken for a connector's.
     */
    public static final Set<String> LAUNCHER_VARIABLES =
            Set.of("HUB_JAVA", "HUB_AOT", "HUB_HEAP", "HUB_CDS", "HUB_NICE_REQUESTS", "HUB_JAVA_OPTS", "HUB_REBUILD",
                    "HUB_BUILD_DIR");

    /** What a variable's text means; the flag's value is checked the same way. */
    public enum Kind { TEXT, SECRET, INTEGER, PATH, DURATION, BOOLEAN, LIST }

    private final Kind kind;
    private final String description;

    HubVariable(Kind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    /** The environment variable, e.g. {@code HUB_MAX_BODY_BYTES}. */
    public String variable() {
        return "HUB_" + name();
    }

    /** The command-line flag, e.g. {@code --max-body-bytes}. */
    public String flag() {
        return flagOf(name());
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    /** Throws, naming the variable, when {@code text} is not a value of this variable's kind. */
    public void check(String text) {
        ConfigReader.check(this, text);
    }

    /** The variable called {@code name} ({@code HUB_PORT}), if it is a hub-level one. */
    public static Optional<HubVariable> byVariable(String name) {
        for (HubVariable variable : values()) {
            if (variable.variable().equals(name)) {
                return Optional.of(variable);
            }
        }
        return Optional.empty();
    }

    /** {@code HUB_POSTMARK_BASE_URL} without its {@code HUB_} gives {@code --postmark-base-url}. */
    static String flagOf(String nameWithoutPrefix) {
        return "--" + nameWithoutPrefix.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
