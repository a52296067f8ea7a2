package org.connectorhub.hub.config;

import java.nio.file.Path;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The hub's database ({@code HUB_DB_URL}, {@code HUB_DB_USER}, {@code HUB_DB_PASSWORD}); without a
 * URL, the embedded H2 file in the data directory. The URL may carry a password, so it is redacted too.
 */
@Value.Immutable
public abstract class DatabaseConfig {
    @Value.Redacted
    public abstract Optional<String> url();

    @Value.Default
    public String user() {
        return "";
    }

    @Value.Default
    @Value.Redacted
    public String password() {
        return "";
    }

    /** Where the embedded database lives when no URL is given ({@code HUB_DATA_DIR}). */
    public abstract Path dataDir();

    public boolean embedded() {
        return url().isEmpty();
    }

    /** The configured database, or the embedded H2 file in the data directory. */
    public DatabaseSettings settings() {
        return url().map(url -> DatabaseSettings.of(url, user(), password()))
                .orElseGet(() -> DatabaseSettings.embedded(dataDir()));
    }

    @Value.Check
    protected void check() {
        url().ifPresent(url -> {
            if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("HUB_DB_URL must start with jdbc:h2: or jdbc:postgresql:");
            }
        });
    }
}
