package org.connectorhub.hub.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.connectorhub.hub.crypto.KeysetRepository.StoredKeyset;
import org.connectorhub.hub.crypto.TinkSecretCipher.LogEntry;

/**
 * Removes an old key version from the stored keyset, but only when it is not the primary and no
 * stored secret is sealed with it any more (re-seal first: {@link KeyResealer}). The change is a
 * revision-guarded update of the keyset row, so it is all or nothing, and it cannot lose a key
 * another hub added meanwhile.
 */
public final class KeyRetirement {
    private static final int ATTEMPTS = 10;

    private final KeysetRepository repository;
    private final MasterKey masterKey;
    private final KeyResealer usage;

    public KeyRetirement(KeysetRepository repository, MasterKey masterKey, KeyResealer usage) {
        this.repository = requireNonNull(repository, "repository is null");
        this.masterKey = requireNonNull(masterKey, "masterKey is null");
        this.usage = requireNonNull(usage, "usage is null");
    }

    /** Why a key version cannot be retired (yet). */
    public static final class KeyInUseException extends IllegalStateException {
        public KeyInUseException(String message) {
            super(message);
        }
    }

    /**
     * Retires {@code version}.
     *
     * @throws KeyInUseException when it is the primary, unknown, or still seals stored secrets
     */
    public void retire(int version) {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot register Tink AEAD", e);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredKeyset stored = repository.load()
                    .orElseThrow(() -> new IllegalStateException("the keyset is missing from the database"));
            List<LogEntry> log = LogEntry.parse(stored.keyLog());
            LogEntry retired = log.stream().filter(e -> e.version() == version).findFirst()
                    .orElseThrow(() -> new KeyInUseException("there is no key version " + version));
            KeysetHandle handle;
            try {
                handle = TinkProtoKeysetFormat.parseEncryptedKeyset(stored.encryptedKeyset(), masterKey.aead(),
                        associatedData(stored.keyLog()));
            } catch (GeneralSecurityException e) {
                throw new MasterKeyMismatchException("The master key does not open the keyset stored in this database");
            }
            if (handle.getPrimary().getId() == retired.keyId()) {
                throw new KeyInUseException("key version " + version + " is the primary; rotate first");
            }
            long sealed = usage.countSealedWith(version);
            if (sealed > 0) {
                throw new KeyInUseException(sealed + " stored secrets are still sealed with key version " + version
                        + "; re-seal them first (hub keys reseal)");
            }
            try {
                KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
                for (int i = 0; i < builder.size(); i++) {
                    if (handle.getAt(i).getId() == retired.keyId()) {
                        builder.deleteAt(i);
                        break;
                    }
                }
                KeysetHandle next = builder.build();
                List<LogEntry> remaining = new ArrayList<>(log);
                remaining.remove(retired);
                String keyLog = LogEntry.format(remaining);
                byte[] encrypted = TinkProtoKeysetFormat.serializeEncryptedKeyset(next, masterKey.aead(),
                        associatedData(keyLog));
                if (repository.update(encrypted, keyLog, stored.revision())) {
                    return;
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot remove the key from the keyset", e);
            }
            // the keyset changed meanwhile (another hub rotated): check again on the new one
        }
        throw new IllegalStateException("the keyset kept changing; retirement gave up after " + ATTEMPTS + " tries");
    }

    // the same binding of key log to keyset as TinkSecretCipher uses
    private byte[] associatedData(String keyLog) {
        return ("connector-hub/keyset/" + repository.name() + "\n" + keyLog).getBytes(UTF_8);
    }
}
