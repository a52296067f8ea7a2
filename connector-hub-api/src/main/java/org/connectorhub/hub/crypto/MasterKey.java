package org.connectorhub.hub.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * The key-encryption key: 32 bytes (AES-256-GCM) that encrypt the data keyset in the database.
 * It lives outside the database (environment or a 0600 key file) and is never printed.
 */
public final class MasterKey {
    public static final int SIZE_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Aead aead;
    private final boolean created;

    private MasterKey(byte[] key, boolean created) {
        try {
            this.aead = new AesGcmJce(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        this.created = created;
    }

    /** A key given as base64 of 32 bytes (e.g. {@code HUB_MASTER_KEY}). */
    public static MasterKey fromBase64(String base64) {
        return new MasterKey(decode(base64), false);
    }

    /**
     * Reads the key file, or creates it (32 random bytes, base64, mode 0600, parent directories
     * too) when it does not exist. {@link #created()} tells which, so the caller can say to back it up.
     */
    public static MasterKey loadOrCreate(Path keyFile) {
        requireNonNull(keyFile, "keyFile is null");
        try {
            if (Files.exists(keyFile)) {
                return new MasterKey(decode(Files.readString(keyFile, US_ASCII).strip()), false);
            }
            Path parent = keyFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            String encoded = generateBase64();
            Path temporary = createOwnerOnlyFile(parent);
            try {
                Files.writeString(temporary, encoded + "\n", US_ASCII);
                // a link fails if another process created the key first; then its key wins
                Files.createLink(keyFile, temporary);
            } catch (FileAlreadyExistsException raced) {
                return new MasterKey(decode(Files.readString(keyFile, US_ASCII).strip()), false);
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (Files.exists(keyFile)) {
                    return new MasterKey(decode(Files.readString(keyFile, US_ASCII).strip()), false);
                }
                moveAtomically(temporary, keyFile);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return new MasterKey(decode(encoded), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + keyFile, e);
        }
    }

    /** 32 fresh random bytes, base64. */
    public static String generateBase64() {
        byte[] key = new byte[SIZE_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Whether {@link #loadOrCreate} created the key file just now. */
    public boolean created() {
        return created;
    }

    /** AES-256-GCM with this key; used to encrypt the data keyset. */
    public Aead aead() {
        return aead;
    }

    @Override
    public String toString() {
        return "MasterKey[****]";
    }

    private static byte[] decode(String base64) {
        requireNonNull(base64, "master key is null");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // the message must not echo the value
            throw new IllegalArgumentException("master key is not valid base64");
        }
        if (key.length != SIZE_BYTES) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException("master key must be " + SIZE_BYTES + " bytes (base64 of 32 random bytes), got "
                    + length + " bytes");
        }
        return key;
    }

    private static Path createOwnerOnlyFile(Path directory) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(directory, ".master-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        return Files.createTempFile(directory, ".master-key", ".tmp");
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target);
        }
    }
}
