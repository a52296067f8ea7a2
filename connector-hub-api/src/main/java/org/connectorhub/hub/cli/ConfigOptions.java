package org.connectorhub.hub.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.config.AllowedOrigins;
import org.connectorhub.hub.config.HubConfig;
import picocli.CommandLine.Option;

/** Flags mirroring the {@code HUB_*} environment variables; a flag wins over the variable. */
public final class ConfigOptions {
    @Option(names = "--host", description = "Address to bind (HUB_HOST, default 127.0.0.1; 0.0.0.0 for all interfaces).")
    String host;

    @Option(names = "--port", description = "HTTP port (HUB_PORT, default 8080).")
    Integer port;

    @Option(names = "--data-dir", description = "Data directory (HUB_DATA_DIR, default ./hub-data).")
    Path dataDir;

    @Option(names = "--db-url", description = "JDBC URL (HUB_DB_URL, default the embedded H2 file in the data dir).")
    String dbUrl;

    @Option(names = "--db-user", description = "Database user (HUB_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", description = "Database password (HUB_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--master-key", description = "Master key, base64 (HUB_MASTER_KEY); prefer the key file.")
    String masterKey;

    @Option(names = "--master-key-file", description = "Master key file (HUB_MASTER_KEY_FILE, default <data dir>/master.key).")
    Path masterKeyFile;

    @Option(names = "--bootstrap-api-key", description = "API key of the default project (HUB_BOOTSTRAP_API_KEY).")
    String bootstrapApiKey;

    @Option(names = "--max-body-bytes", description = "Largest request body (HUB_MAX_BODY_BYTES, default 10 MB).")
    Long maxBodyBytes;

    @Option(names = "--public-url", description = "Base URL end users reach the hub at (HUB_PUBLIC_URL).")
    String publicUrl;

    @Option(names = "--allowed-origins", split = ",", paramLabel = "ORIGIN",
            description = "Origins that may embed the default project's Hub page, comma-separated (HUB_ALLOWED_ORIGINS).")
    List<String> allowedOrigins;

    @Option(names = "--postmark-base-url", description = "Postmark API URL (HUB_POSTMARK_BASE_URL).")
    String postmarkBaseUrl;

    @Option(names = "--connector", paramLabel = "PROVIDER.KEY=VALUE",
            description = "A connector setting, like HUB_<PROVIDER>_<KEY> (repeatable).")
    Map<String, String> connectorSettings = new LinkedHashMap<>();

    public HubConfig toConfig(Map<String, String> env) {
        HubConfig.Builder builder = HubConfig.builder().environment(env);
        if (host != null) {
            builder.host(host);
        }
        if (port != null) {
            builder.port(port);
        }
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        if (dbUrl != null) {
            builder.dbUrl(dbUrl);
        }
        if (dbUser != null) {
            builder.dbUser(dbUser);
        }
        if (dbPassword != null) {
            builder.dbPassword(dbPassword);
        }
        if (masterKey != null) {
            builder.masterKey(masterKey);
        }
        if (masterKeyFile != null) {
            builder.masterKeyFile(masterKeyFile);
        }
        if (bootstrapApiKey != null) {
            builder.bootstrapApiKey(bootstrapApiKey);
        }
        if (maxBodyBytes != null) {
            builder.maxBodyBytes(maxBodyBytes);
        }
        if (publicUrl != null) {
            builder.publicUrl(publicUrl);
        }
        if (allowedOrigins != null) {
            builder.allowedOrigins(AllowedOrigins.normalize(allowedOrigins));
        }
        if (postmarkBaseUrl != null) {
            builder.connector("postmark", "base_url", postmarkBaseUrl);
        }
        connectorSettings.forEach((name, value) -> {
            int dot = name.indexOf('.');
            if (dot < 1 || dot == name.length() - 1) {
                throw new IllegalArgumentException("--connector takes PROVIDER.KEY=VALUE, not " + name);
            }
            builder.connector(name.substring(0, dot), name.substring(dot + 1), value);
        });
        return builder.build();
    }
}
