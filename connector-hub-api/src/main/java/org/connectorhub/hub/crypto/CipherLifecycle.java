package org.connectorhub.hub.crypto;

import org.connectorhub.hub.config.CipherConfig;
import org.connectorhub.hub.lifecycle.Lifecycle;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.connectorhub.core.port.out.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads (or creates) the master key and opens the data keyset on start; until then every
 * seal or open fails. The key itself is never logged.
 */
@Singleton
public final class CipherLifecycle implements Lifecycle, SecretCipher {
    private static final Logger LOG = LoggerFactory.getLogger(CipherLifecycle.class);
    /**
     * Hubs sharing a database see a key rotated by another hub on their next seal: the check is one
     * primary-key read, small next to the provider call that precedes every seal (link, new credentials).
     */
    static final Duration KEYSET_CHECK_INTERVAL = Duration.ZERO;

    private final CipherConfig config;
    private final DataSource dataSource;
    private volatile TinkSecretCipher cipher;

    @Inject
    public CipherLifecycle(CipherConfig config, DataSource dataSource) {
        this.config = requireNonNull(config, "config is null");
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public int phase() {
        return CIPHER;
    }

    @Override
    public void start() {
        MasterKey masterKey = config.masterKey().map(MasterKey::fromBase64).orElseGet(() -> {
            MasterKey key = MasterKey.loadOrCreate(config.masterKeyPath());
            if (key.created()) {
                LOG.warn("Generated a new master key in {} (mode 0600). Back it up: without it the stored "
                        + "credentials cannot be opened.", config.masterKeyPath().toAbsolutePath());
            }
            return key;
        });
        TinkSecretCipher opened = new TinkSecretCipher(new KeysetRepository(dataSource), masterKey, Clock.systemUTC(),
                KEYSET_CHECK_INTERVAL);
        opened.start();
        cipher = opened;
        LOG.info("credential cipher ready, primary key version {}", opened.primaryVersion());
    }

    @Override
    public void stop() {
        cipher = null;
    }

    /** Adds a new key version and makes it primary; old ciphertexts keep opening. */
    public int rotate() {
        int version = cipher().rotate();
        LOG.info("rotated the data key: version {} is now primary", version);
        return version;
    }

    public int primaryVersion() {
        return cipher().primaryVersion();
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        return cipher().seal(plaintext, associatedData);
    }

    @Override
    public byte[] open(byte[] ciphertext, byte[] associatedData) {
        return cipher().open(ciphertext, associatedData);
    }

    @Override
    public int keyVersionOf(byte[] ciphertext) {
        return cipher().keyVersionOf(ciphertext);
    }

    private TinkSecretCipher cipher() {
        TinkSecretCipher current = cipher;
        if (current == null) {
            throw new IllegalStateException("the cipher is not started");
        }
        return current;
    }
}
