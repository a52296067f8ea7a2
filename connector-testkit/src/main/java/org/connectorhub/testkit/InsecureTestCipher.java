package org.connectorhub.testkit;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import org.connectorhub.core.port.out.SecretCipher;

/**
 * A {@link SecretCipher} for tests only: it scrambles (so no plaintext shows in a dump) and
 * binds the associated data, but it is NOT encryption. Never use it outside tests; the hub
 * seals with Tink.
 */
public final class InsecureTestCipher implements SecretCipher {
    private static final int KEY_VERSION = 1;
    private static final byte MASK = 0x5A;

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        byte[] tag = tag(associatedData);
        ByteBuffer out = ByteBuffer.allocate(4 + tag.length + plaintext.length);
        out.putInt(KEY_VERSION).put(tag);
        for (byte b : plaintext) {
            out.put((byte) (b ^ MASK));
        }
        return out.array();
    }

    @Override
    public byte[] open(byte[] ciphertext, byte[] associatedData) {
        byte[] tag = tag(associatedData);
        if (ciphertext.length < 4 + tag.length || keyVersionOf(ciphertext) != KEY_VERSION
                || !MessageDigest.isEqual(tag, Arrays.copyOfRange(ciphertext, 4, 4 + tag.length))) {
            throw new SecurityException("ciphertext does not open with this key and associated data");
        }
        byte[] plaintext = Arrays.copyOfRange(ciphertext, 4 + tag.length, ciphertext.length);
        for (int i = 0; i < plaintext.length; i++) {
            plaintext[i] = (byte) (plaintext[i] ^ MASK);
        }
        return plaintext;
    }

    @Override
    public int keyVersionOf(byte[] ciphertext) {
        if (ciphertext.length < 4) {
            throw new SecurityException("ciphertext too short");
        }
        return ByteBuffer.wrap(ciphertext).getInt();
    }

    private static byte[] tag(byte[] associatedData) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(associatedData);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
