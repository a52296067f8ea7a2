package org.connectorhub.hub.config;

import org.connectorhub.hub.config.AllowedOrigins;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.hub.config.DatabaseSettings;

/**
 * The hub's settings, from {@code HUB_*} environment variables and the same as command-line
 * flags. {@code HUB_<PROVIDER>_<KEY>} variables become that connector's {@link ConnectorConfig}
 * (e.g. {@code HUB_POSTMARK_BASE_URL} → {@code base_url} of {@code postmark}). Secrets (master
 * key, bootstrap API key, database password) never appear in {@link #toString()}.
 */
public record HubConfig(
        String host,
        int port,
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> masterKey,
        Optional<Path> masterKeyFile,
        Optional<String> bootstrapApiKey,
        long maxBodyBytes,
        Optional<String> publicUrl,
        Map<String, String> connectorSettings,
        List<String> allowedOrigins) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_DATA_DIR = "./hub-data";
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    public static final String MASTER_KEY_FILE_NAME = "master.key";

    /** Hub-level variables; every other {@code HUB_*} variable is a connector setting. */
    private static final Set<String> HUB_VARIABLES = Set.of("HUB_HOST", "HUB_PORT", "HUB_DATA_DIR", "HUB_DB_URL",
            "HUB_DB_USER", "HUB_DB_PASSWORD", "HUB_MASTER_KEY", "HUB_MASTER_KEY_FILE", "HUB_BOOTSTRAP_API_KEY",
            "HUB_MAX_BODY_BYTES", "HUB_PUBLIC_URL", "HUB_ALLOWED_ORIGINS");

    public HubConfig {
        requireNonNull(host, "host is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(dbUrl, "dbUrl is null");
        requireNonNull(dbUser, "dbUser is null");
        requireNonNull(dbPassword, "dbPassword is null");
        requireNonNull(masterKey, "masterKey is null");
        requireNonNull(masterKeyFile, "masterKeyFile is null");
        requireNonNull(bootstrapApiKey, "bootstrapApiKey is null");
        requireNonNull(publicUrl, "publicUrl is null");
        connectorSettings = Map.copyOf(requireNonNull(connectorSettings, "connectorSettings is null"));
        // origins allowed to embed the default project's Hub page; empty leaves the stored ones alone
        allowedOrigins = AllowedOrigins.normalize(requireNonNull(allowedOrigins, "allowedOrigins is null"));
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body bytes must be positive: " + maxBodyBytes);
        }
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

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.host = host;
        builder.port = port;
        builder.dataDir = dataDir;
        builder.dbUrl = dbUrl.orElse(null);
        builder.dbUser = dbUser;
        builder.dbPassword = dbPassword;
        builder.masterKey = masterKey.orElse(null);
        builder.masterKeyFile = masterKeyFile.orElse(null);
        builder.bootstrapApiKey = bootstrapApiKey.orElse(null);
        builder.maxBodyBytes = maxBodyBytes;
        builder.publicUrl = publicUrl.orElse(null);
        builder.connectorSettings.putAll(connectorSettings);
        builder.allowedOrigins = allowedOrigins;
        return builder;
    }

    /** The configured database, or the embedded H2 file in the data directory. */
    public DatabaseSettings databaseSettings() {
        return dbUrl.map(url -> DatabaseSettings.of(url, dbUser, dbPassword))
                .orElseGet(() -> DatabaseSettings.embedded(dataDir));
    }

    public boolean embeddedDatabase() {
        return dbUrl.isEmpty();
    }

    /** Where the master key file is (used when no {@code HUB_MASTER_KEY} is given). */
    public Path masterKeyPath() {
        return masterKeyFile.orElseGet(() -> dataDir.resolve(MASTER_KEY_FILE_NAME));
    }

    /** The settings of one connector, from {@code HUB_<PROVIDER>_<KEY>}. */
    public ConnectorConfig connectorConfig(String provider) {
        String prefix = "HUB_" + provider.toUpperCase(Locale.ROOT) + "_";
        Map<String, String> properties = new LinkedHashMap<>();
        connectorSettings.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                properties.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT), value);
            }
        });
        return new ConnectorConfig(properties);
    }

    /** Base URL of the hub as end users reach it; defaults to localhost on the bound port. */
    public String publicUrl(int boundPort) {
        String url = publicUrl.orElse("http://localhost:" + boundPort);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "HubConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir
                + ", db=" + databaseSettings().redactedUrl() + ", dbUser=" + dbUser
                + ", masterKey=" + (masterKey.isPresent() ? "****" : "file " + masterKeyPath())
                + ", bootstrapApiKey=" + (bootstrapApiKey.isPresent() ? "****" : "none")
                + ", maxBodyBytes=" + maxBodyBytes + ", publicUrl=" + publicUrl.orElse("default")
                + ", connectorSettings=" + connectorSettings.keySet() + ", allowedOrigins=" + allowedOrigins + "]";
    }

    /** Collects settings; later calls win, so flags applied after the environment override it. */
    public static final class Builder {
        // loopback unless told otherwise: a hub holding credentials is not exposed by accident
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir = Path.of(DEFAULT_DATA_DIR);
        private String dbUrl;
        private String dbUser = "";
        private String dbPassword = "";
        private String masterKey;
        private Path masterKeyFile;
        private String bootstrapApiKey;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private String publicUrl;
        private final Map<String, String> connectorSettings = new LinkedHashMap<>();
        private List<String> allowedOrigins = List.of();

        private Builder() {
        }

        /** Reads {@code HUB_*} variables; blank values count as unset. */
        public Builder environment(Map<String, String> env) {
            requireNonNull(env, "env is null");
            value(env, "HUB_HOST").ifPresent(this::host);
            value(env, "HUB_PORT").ifPresent(v -> port(parseInt("HUB_PORT", v)));
            value(env, "HUB_DATA_DIR").ifPresent(v -> dataDir(Path.of(v)));
            value(env, "HUB_DB_URL").ifPresent(this::dbUrl);
            value(env, "HUB_DB_USER").ifPresent(this::dbUser);
            value(env, "HUB_DB_PASSWORD").ifPresent(this::dbPassword);
            value(env, "HUB_MASTER_KEY").ifPresent(this::masterKey);
            value(env, "HUB_MASTER_KEY_FILE").ifPresent(v -> masterKeyFile(Path.of(v)));
            value(env, "HUB_BOOTSTRAP_API_KEY").ifPresent(this::bootstrapApiKey);
            value(env, "HUB_MAX_BODY_BYTES").ifPresent(v -> maxBodyBytes(parseLong("HUB_MAX_BODY_BYTES", v)));
            value(env, "HUB_PUBLIC_URL").ifPresent(this::publicUrl);
            value(env, "HUB_ALLOWED_ORIGINS").ifPresent(v -> allowedOrigins(AllowedOrigins.parse(v)));
            env.forEach((name, value) -> {
                if (name.startsWith("HUB_") && !HUB_VARIABLES.contains(name) && value != null && !value.isBlank()) {
                    connectorSettings.put(name, value.strip());
                }
            });
            return this;
        }

        public Builder host(String value) {
            this.host = requireNonNull(value, "host is null");
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder dataDir(Path value) {
            this.dataDir = requireNonNull(value, "dataDir is null");
            return this;
        }

        public Builder dbUrl(String value) {
            this.dbUrl = value;
            return this;
        }

        public Builder dbUser(String value) {
            this.dbUser = requireNonNull(value, "dbUser is null");
            return this;
        }

        public Builder dbPassword(String value) {
            this.dbPassword = requireNonNull(value, "dbPassword is null");
            return this;
        }

        public Builder masterKey(String base64) {
            this.masterKey = base64;
            return this;
        }

        public Builder masterKeyFile(Path value) {
            this.masterKeyFile = value;
            return this;
        }

        public Builder bootstrapApiKey(String value) {
            this.bootstrapApiKey = value;
            return this;
        }

        public Builder maxBodyBytes(long value) {
            this.maxBodyBytes = value;
            return this;
        }

        public Builder publicUrl(String value) {
            this.publicUrl = value;
            return this;
        }

        /** Origins ({@code scheme://host[:port]}) the bootstrap sets on the default project at start. */
        public Builder allowedOrigins(List<String> value) {
            this.allowedOrigins = List.copyOf(requireNonNull(value, "allowedOrigins is null"));
            return this;
        }

        /** A connector setting, e.g. {@code connector("postmark", "base_url", "http://127.0.0.1:9000")}. */
        public Builder connector(String provider, String key, String value) {
            connectorSettings.put("HUB_" + provider.toUpperCase(Locale.ROOT) + "_" + key.toUpperCase(Locale.ROOT),
                    requireNonNull(value, "value is null"));
            return this;
        }

        public HubConfig build() {
            return new HubConfig(host, port, dataDir, Optional.ofNullable(dbUrl), dbUser, dbPassword,
                    Optional.ofNullable(masterKey), Optional.ofNullable(masterKeyFile),
                    Optional.ofNullable(bootstrapApiKey), maxBodyBytes, Optional.ofNullable(publicUrl),
                    connectorSettings, allowedOrigins);
        }

        private static Optional<String> value(Map<String, String> env, String name) {
            return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
        }

        private static int parseInt(String name, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number: " + value);
            }
        }

        private static long parseLong(String name, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number: " + value);
            }
        }
    }
}
