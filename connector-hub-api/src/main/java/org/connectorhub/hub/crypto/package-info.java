/**
 * Sealing credentials: a Tink AEAD keyset (AES-256-GCM keys, versioned, rotatable) kept in the
 * database encrypted with a {@link org.connectorhub.hub.crypto.MasterKey} that lives outside it.
 * Also the cipher's start-up, its module and the {@code keys} commands (rotate, reseal, retire). May
 * depend on the core, {@code storage}, {@code config}, {@code lifecycle} and {@code cli}.
 */
package org.connectorhub.hub.crypto;
