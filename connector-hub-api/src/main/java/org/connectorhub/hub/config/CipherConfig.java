package org.connectorhub.hub.config;

import java.nio.file.Path;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where the master key comes from: {@code HUB_MASTER_KEY} (base64) if given, else the key file
 * ({@code HUB_MASTER_KEY_FILE}, default {@code master.key} in {@code HUB_DATA_DIR}).
 */
@Value.Immutable
public abstract class CipherConfig {
    public static final String DEFAULT_DATA_DIR = "./hub-data";
    public static final String MASTER_KEY_FILE_NAME = "master.key";

    @Value.Default
    public Path dataDir() {
        return Path.of(DEFAULT_DATA_DIR);
    }

    @Value.Redacted
    public abstract Optional<String> masterKey();

    public abstract Optional<Path> masterKeyFile();

    /** Where the master key file is (used when no {@code HUB_MASTER_KEY} is given). */
    public Path masterKeyPath() {
        return masterKeyFile().orElseGet(() -> dataDir().resolve(MASTER_KEY_FILE_NAME));
    }
}
