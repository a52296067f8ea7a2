package org.connectorhub.hub.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.core.spi.ConnectorDiscovery;
import org.connectorhub.core.spi.ConnectorFactory;
import org.immutables.value.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's settings as one immutable typed model, one section per concern, read from
 * {@code HUB_*} environment variables (see {@link HubVariable}) and the flags derived from them.
 * {@code HUB_<PROVIDER>_<KEY>} variables become the {@link ConnectorConfig} of an installed
 * connector. Secrets (master key, bootstrap API key, database password and URL, connector
 * settings) never appear in {@link #toString()}.
 */
@Value.Immutable(builder = false)
public abstract class HubConfig {
    private static final Logger LOG = LoggerFactory.getLogger(HubConfig.class);

    @Value.Parameter
    public abstract HttpConfig http();

    @Value.Parameter
    public abstract DatabaseConfig database();

    @Value.Parameter
    public abstract CipherConfig cipher();

    @Value.Parameter
    public abstract ProjectsConfig projects();

    @Value.Parameter
    public abstract CacheSettings caches();

    @Value.Parameter
    public abstract WebhookSettings webhooks();

    @Value.Parameter
    public abstract RecheckSettings rechecks();

    @Value.Parameter
    public abstract ActivitySettings logs();

    @Value.Parameter
    public abstract AuditSettings audit();

    @Value.Parameter
    public abstract ProxySettings proxy();

    @Value.Parameter
    public abstract ProviderEventsSettings providerEvents();

    @Value.Parameter
    public abstract ConnectorsConfig connectors();

    /**
     * What was wrong but not fatal in the variables read: each unknown {@code HUB_*} name, with
     * the nearest known one. Names only, never a value. Logged once when the model is built.
     */
    @Value.Parameter
    @Value.Auxiliary
    public abstract List<String> warnings();

    /** The configured database, or the embedded H2 file in the data directory. */
    public DatabaseSettings databaseSettings() {
        return database().settings();
    }

    /** The settings of one connector, from {@code HUB_<PROVIDER>_<KEY>}. */
    public ConnectorConfig connectorConfig(String provider) {
        return connectors().of(provider);
    }

    public static HubConfig defaults() {
        return builder().build();
    }

    public static HubConfig fromEnvironment(Map<String, String> env) {
        return builder().environment(env).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects settings by variable name; later calls win, so flags applied after the environment
     * override it. Typed setters are shorthands for the variable they name. {@link #build()} reads
     * everything through the one grammar and checks it.
     */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private Map<String, Set<String>> installed;

        private Builder() {
        }

        /** Takes every {@code HUB_*} variable; blank values count as unset. */
        public Builder environment(Map<String, String> env) {
            requireNonNull(env, "env is null");
            env.forEach((name, value) -> {
                if (name != null && name.startsWith("HUB_") && value != null && !value.isBlank()) {
                    values.put(name, value.strip());
                }
            });
            return this;
        }

        /** A variable by name, as the environment would give it; {@code null} or blank unsets it. */
        public Builder set(String variable, String value) {
            requireNonNull(variable, "variable is null");
            if (value == null || value.isBlank()) {
                values.remove(variable);
            } else {
                values.put(variable, value.strip());
            }
            return this;
        }

        public Builder set(HubVariable variable, String value) {
            return set(variable.variable(), value);
        }

        /** A connector setting, e.g. {@code connector("postmark", "base_url", "http://127.0.0.1:9000")}. */
        public Builder connector(String provider, String key, String value) {
            requireNonNull(value, "value is null");
            return set("HUB_" + provider.toUpperCase(Locale.ROOT) + "_" + key.toUpperCase(Locale.ROOT), value);
        }

        /**
         * The connectors whose {@code HUB_<PROVIDER>_<KEY>} settings are taken, with the keys each
         * declares; without this call, the connector factories found on the class path.
         */
        public Builder installedConnectors(Map<String, ? extends Collection<String>> providerKeys) {
            Map<String, Set<String>> copy = new LinkedHashMap<>();
            requireNonNull(providerKeys, "providerKeys is null").forEach((provider, keys) -> copy.put(provider, Set.copyOf(keys)));
            this.installed = copy;
            return this;
        }

        public Builder host(String value) {
            return set(HubVariable.HOST, requireNonNull(value, "host is null"));
        }

        public Builder port(int value) {
            return set(HubVariable.PORT, Integer.toString(value));
        }

        public Builder dataDir(Path value) {
            return set(HubVariable.DATA_DIR, requireNonNull(value, "dataDir is null").toString());
        }

        public Builder dbUrl(String value) {
            return set(HubVariable.DB_URL, value);
        }

        public Builder dbUser(String value) {
            return set(HubVariable.DB_USER, requireNonNull(value, "dbUser is null"));
        }

        public Builder dbPassword(String value) {
            return set(HubVariable.DB_PASSWORD, requireNonNull(value, "dbPassword is null"));
        }

        public Builder masterKey(String base64) {
            return set(HubVariable.MASTER_KEY, base64);
        }

        public Builder masterKeyFile(Path value) {
            return set(HubVariable.MASTER_KEY_FILE, value == null ? null : value.toString());
        }

        public Builder bootstrapApiKey(String value) {
            return set(HubVariable.BOOTSTRAP_API_KEY, value);
        }

        public Builder maxBodyBytes(long value) {
            return set(HubVariable.MAX_BODY_BYTES, Long.toString(value));
        }

        public Builder publicUrl(String value) {
            return set(HubVariable.PUBLIC_URL, value);
        }

        /** Origins ({@code scheme://host[:port]}) the bootstrap sets on the default project at start. */
        public Builder allowedOrigins(List<String> value) {
            return set(HubVariable.ALLOWED_ORIGINS, String.join(",", requireNonNull(value, "allowedOrigins is null")));
        }

        /** The typed model; warnings about unknown variables are logged here. */
        public HubConfig build() {
            HubConfig config = ConfigReader.read(values, installed == null ? discoveredConnectors() : installed);
            config.warnings().forEach(LOG::warn);
            return config;
        }

    }

    /** The connector factories on the class path (provider to the setting keys it declares). */
    public static Map<String, Set<String>> discoveredConnectors() {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (ConnectorFactory factory : ConnectorDiscovery.factories(HubConfig.class.getClassLoader()).values()) {
            keys.put(factory.provider(), factory.settingKeys());
        }
        return keys;
    }
}
