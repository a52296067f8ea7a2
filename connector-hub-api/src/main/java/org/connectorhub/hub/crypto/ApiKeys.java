package org.connectorhub.hub.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random bearer secrets (project API keys, connect session tokens) and their SHA-256 hashes,
 * the only form in which they are stored. 256 random bits, so a fast hash is enough.
 */
public final class ApiKeys {
    public static final String API_KEY_PREFIX = "chk_";
    public static final String SESSION_TOKEN_PREFIX = "chs_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private ApiKeys() {
    }

    public static String newApiKey() {
        return API_KEY_PREFIX + randomBase64Url(32);
    }

    public static String newSessionToken() {
        return SESSION_TOKEN_PREFIX + randomBase64Url(32);
    }

    /** A random identifier, e.g. {@code cs_...}; not a secret. */
    public static String newId(String prefix) {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return prefix + new String(id);
    }

    /** SHA-256 of the UTF-8 bytes, lower-case hex. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The public id of an API key, {@code key_} and the first 16 hex digits of its hash: what logs
     * and the audit trail name a key by. The key is 256 random bits, so this says nothing of it.
     */
    public static String keyId(String apiKeyHash) {
        return "key_" + apiKeyHash.substring(0, Math.min(16, apiKeyHash.length()));
    }

    /** Constant-time comparison of two hashes. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomBase64Url(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
