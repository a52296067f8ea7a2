package org.connectorhub.hub.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.hub.crypto.KeysetRepository.StoredKeyset;

/**
 * Seals secrets with a Tink AEAD keyset (AES-256-GCM keys) kept in the database, encrypted with
 * the {@link MasterKey}. Ciphertexts start with Tink's 5-byte prefix (0x01 and the key id), which
 * maps to a key version 1..n. Rotation adds a key and makes it primary; old keys stay, so old
 * ciphertexts keep opening. Several hubs share the keyset: a hub that meets a key id it does
 * not know reloads the keyset once, and every hub picks up a new primary within the refresh interval.
 */
public final class TinkSecretCipher implements SecretCipher {
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);
    private static final int PREFIX_SIZE = 5;
    private static final byte TINK_PREFIX = 0x01;
    private static final int ROTATE_ATTEMPTS = 10;

    private final KeysetRepository repository;
    private final MasterKey masterKey;
    private final Clock clock;
    private final Duration refreshInterval;
    private volatile State state;

    public TinkSecretCipher(KeysetRepository repository, MasterKey masterKey) {
        this(repository, masterKey, Clock.systemUTC(), DEFAULT_REFRESH_INTERVAL);
    }

    /**
     * {@code refreshInterval}: how often a seal checks whether another hub rotated the key;
     * {@link Duration#ZERO} checks before every seal (one primary-key read of the keyset revision).
     */
    public TinkSecretCipher(KeysetRepository repository, MasterKey masterKey, Clock clock, Duration refreshInterval) {
        this.repository = requireNonNull(repository, "repository is null");
        this.masterKey = requireNonNull(masterKey, "masterKey is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.refreshInterval = requireNonNull(refreshInterval, "refreshInterval is null");
    }

    /**
     * Loads the keyset, or creates it on the first start of a database.
     *
     * @throws MasterKeyMismatchException when the master key does not open the stored keyset
     */
    public synchronized void start() {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot register Tink AEAD", e);
        }
        Optional<StoredKeyset> stored = repository.load();
        if (stored.isEmpty()) {
            if (repository.sealedDataExists()) {
                throw new IllegalStateException("The database holds sealed credentials but no keyset to open them: "
                        + "restore the keysets table from a backup; a new keyset would not open them");
            }
            createKeyset();
            stored = repository.load();
        }
        state = decode(stored.orElseThrow(() -> new IllegalStateException("keyset vanished after it was stored")));
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        requireNonNull(plaintext, "plaintext is null");
        requireNonNull(associatedData, "associatedData is null");
        State current = current();
        if (!clock.instant().isBefore(current.checkedAt().plus(refreshInterval))) {
            current = reload();
        }
        try {
            return current.aead().encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal the secret", e);
        }
    }

    @Override
    public byte[] open(byte[] ciphertext, byte[] associatedData) {
        requireNonNull(ciphertext, "ciphertext is null");
        requireNonNull(associatedData, "associatedData is null");
        State current = stateKnowing(keyIdOf(ciphertext));
        try {
            return current.aead().decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            // says nothing of the data
            throw new SecurityException("cannot open the sealed secret: it was altered or belongs to another record");
        }
    }

    @Override
    public int keyVersionOf(byte[] ciphertext) {
        requireNonNull(ciphertext, "ciphertext is null");
        int keyId = keyIdOf(ciphertext);
        return stateKnowing(keyId).versionById().get(keyId);
    }

    /** Whether the ciphertext was sealed with the current primary key (else it could be re-sealed). */
    public boolean isPrimary(byte[] ciphertext) {
        requireNonNull(ciphertext, "ciphertext is null");
        return keyIdOf(ciphertext) == current().primaryId();
    }

    /** Adds a new AES-256-GCM key, makes it primary, stores it; returns its version. */
    public synchronized int rotate() {
        current();
        for (int attempt = 0; attempt < ROTATE_ATTEMPTS; attempt++) {
            StoredKeyset stored = repository.load()
                    .orElseThrow(() -> new IllegalStateException("the keyset is missing from the database"));
            State base = decode(stored);
            try {
                KeysetHandle next = KeysetHandle.newBuilder(base.handle())
                        .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                                .withRandomId()
                                .makePrimary())
                        .build();
                int version = base.log().stream().mapToInt(LogEntry::version).max().orElse(0) + 1;
                List<LogEntry> log = new ArrayList<>(base.log());
                log.add(new LogEntry(next.getPrimary().getId(), version, clock.instant()));
                String keyLog = LogEntry.format(log);
                byte[] encrypted = TinkProtoKeysetFormat.serializeEncryptedKeyset(
                        next, masterKey.aead(), associatedData(keyLog));
                if (repository.update(encrypted, keyLog, stored.revision())) {
                    state = decode(new StoredKeyset(encrypted, keyLog, stored.revision() + 1));
                    return version;
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot add a key to the keyset", e);
            }
            // another hub rotated meanwhile: build on its keyset
        }
        throw new IllegalStateException("the keyset kept changing; rotation gave up after " + ROTATE_ATTEMPTS + " tries");
    }

    /** Version of the key new seals use. */
    public int primaryVersion() {
        State current = current();
        return current.versionById().get(current.primaryId());
    }

    /** All keys, oldest first. */
    public List<KeyVersion> versions() {
        State current = current();
        List<KeyVersion> versions = new ArrayList<>();
        for (LogEntry entry : current.log()) {
            versions.add(new KeyVersion(entry.version(), entry.keyId() == current.primaryId(), entry.createdAt()));
        }
        return List.copyOf(versions);
    }

    /** Reloads the keyset now if another hub changed it (else that happens within the refresh interval). */
    public void refresh() {
        reload();
    }

    private synchronized State reload() {
        State current = current();
        Optional<Long> revision = repository.revision();
        if (revision.isPresent() && revision.get() != current.revision()) {
            state = decode(repository.load().orElseThrow(() -> new IllegalStateException("the keyset is missing")));
        } else {
            state = current.checkedNow(clock.instant());
        }
        return state;
    }

    @Override
    public String toString() {
        return "TinkSecretCipher[keyset=" + repository.name() + "]";
    }

    // the state that knows keyId, reloading once if it does not (another hub rotated)
    private State stateKnowing(int keyId) {
        State current = current();
        if (!current.versionById().containsKey(keyId)) {
            current = reload();
            if (!current.versionById().containsKey(keyId)) {
                throw new SecurityException("the secret was sealed with a key this keyset does not have");
            }
        }
        return current;
    }

    private State current() {
        State current = state;
        if (current == null) {
            throw new IllegalStateException("the cipher is not started");
        }
        return current;
    }

    private void createKeyset() {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            String keyLog = LogEntry.format(List.of(new LogEntry(handle.getPrimary().getId(), 1, clock.instant())));
            byte[] encrypted = TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, masterKey.aead(), associatedData(keyLog));
            // false: another hub created it first; start() loads that one
            repository.insert(encrypted, keyLog);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the keyset", e);
        }
    }

    private State decode(StoredKeyset stored) {
        KeysetHandle handle;
        try {
            handle = TinkProtoKeysetFormat.parseEncryptedKeyset(
                    stored.encryptedKeyset(), masterKey.aead(), associatedData(stored.keyLog()));
        } catch (GeneralSecurityException e) {
            throw new MasterKeyMismatchException("The master key does not open the keyset stored in this database: "
                    + "use the master key (HUB_MASTER_KEY or key file) this database was created with");
        }
        List<LogEntry> log = LogEntry.parse(stored.keyLog());
        Map<Integer, Integer> versionById = new HashMap<>();
        for (LogEntry entry : log) {
            versionById.put(entry.keyId(), entry.version());
        }
        Set<Integer> keyIds = new HashSet<>();
        for (int i = 0; i < handle.size(); i++) {
            keyIds.add(handle.getAt(i).getId());
        }
        if (!keyIds.equals(versionById.keySet())) {
            throw new IllegalStateException("the stored key log does not match the keyset");
        }
        try {
            Aead aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
            return new State(handle, aead, Map.copyOf(versionById), List.copyOf(log), handle.getPrimary().getId(),
                    stored.revision(), clock.instant());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the stored keyset", e);
        }
    }

    // binds the key log to the keyset, so neither can be swapped without the master key noticing
    private byte[] associatedData(String keyLog) {
        return ("connector-hub/keyset/" + repository.name() + "\n" + keyLog).getBytes(UTF_8);
    }

    private static int keyIdOf(byte[] ciphertext) {
        if (ciphertext.length <= PREFIX_SIZE || ciphertext[0] != TINK_PREFIX) {
            throw new SecurityException("not a sealed secret of this hub");
        }
        return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }

    /** What the cipher currently uses; replaced whole, never changed. */
    record State(KeysetHandle handle, Aead aead, Map<Integer, Integer> versionById, List<LogEntry> log,
            int primaryId, long revision, Instant checkedAt) {
        State checkedNow(Instant now) {
            return new State(handle, aead, versionById, log, primaryId, revision, now);
        }
    }

    /** One line of the key log: "version keyId createdAt". */
    record LogEntry(int keyId, int version, Instant createdAt) {
        static String format(List<LogEntry> entries) {
            StringBuilder text = new StringBuilder();
            for (LogEntry entry : entries) {
                text.append(entry.version()).append(' ').append(Integer.toUnsignedString(entry.keyId()))
                        .append(' ').append(entry.createdAt()).append('\n');
            }
            return text.toString();
        }

        static List<LogEntry> parse(String text) {
            List<LogEntry> entries = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                try {
                    entries.add(new LogEntry(Integer.parseUnsignedInt(parts[1]), Integer.parseInt(parts[0]),
                            Instant.parse(parts[2])));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the stored key log is not readable");
                }
            }
            return entries;
        }
    }
}
