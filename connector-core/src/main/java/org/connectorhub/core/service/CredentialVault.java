package org.connectorhub.core.service;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.port.out.SecretCipher;

/** Seals credentials bound to their account id, and opens them again. */
final class CredentialVault {
    private final SecretCipher cipher;

    CredentialVault(SecretCipher cipher) {
        this.cipher = requireNonNull(cipher, "cipher is null");
    }

    byte[] seal(String accountId, Credentials credentials) {
        return cipher.seal(CredentialsCodec.encode(credentials), accountId.getBytes(UTF_8));
    }

    Credentials open(LinkedAccount account) {
        return CredentialsCodec.decode(cipher.open(account.sealedCredentials(), account.id().getBytes(UTF_8)));
    }
}
