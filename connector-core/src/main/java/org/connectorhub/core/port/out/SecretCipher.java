package org.connectorhub.core.port.out;

/**
 * Seals and opens secrets with associated data (the account id), so a ciphertext cannot be
 * moved to another row. The ciphertext records the key version that sealed it, so keys rotate:
 * new seals use the newest key, old ciphertexts keep opening.
 */
public interface SecretCipher {
    byte[] seal(byte[] plaintext, byte[] associatedData);

    /**
     * @throws SecurityException when the ciphertext was tampered with, belongs to other
     *     associated data, or its key is unknown
     */
    byte[] open(byte[] ciphertext, byte[] associatedData);

    /** Version of the key that sealed this ciphertext. */
    int keyVersionOf(byte[] ciphertext);
}
