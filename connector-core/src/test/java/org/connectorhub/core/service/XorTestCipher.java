package org.connectorhub.core.service;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.connectorhub.core.port.out.SecretCipher;

/**
 * Test double of the cipher port: not secure, but it scrambles the bytes, binds them to the
 * associated data and records a key version, which is all the services rely on.
 */
final class XorTestCipher implements SecretCipher {
    int version = 1;
    private final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();

    /** How many times something was opened: a refusal before the credentials open leaves it alone. */
    int opened() {
        return opened.get();
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        ByteBuffer out = ByteBuffer.allocate(8 + plaintext.length);
        out.putInt(version).putInt(Arrays.hashCode(associatedData));
        for (int i = 0; i < plaintext.length; i++) {
            out.put((byte) (plaintext[i] ^ (0x5A + i + version)));
        }
        return out.array();
    }

    @Override
    public byte[] open(byte[] ciphertext, byte[] associatedData) {
        opened.incrementAndGet();
        ByteBuffer in = ByteBuffer.wrap(ciphertext);
        int sealedWith = in.getInt();
        if (in.getInt() != Arrays.hashCode(associatedData)) {
            throw new SecurityException("associated data does not match");
        }
        byte[] plain = new byte[ciphertext.length - 8];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (in.get() ^ (0x5A + i + sealedWith));
        }
        return plain;
    }

    @Override
    public int keyVersionOf(byte[] ciphertext) {
        return ByteBuffer.wrap(ciphertext).getInt();
    }
}
