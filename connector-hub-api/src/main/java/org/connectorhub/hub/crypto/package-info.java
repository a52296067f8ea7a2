/**
 * Sealing credentials: a Tink AEAD keyset (AES-256-GCM keys, versioned, rotatable) kept in the
 * database encrypted with a {@link org.connectorhub.hub.crypto.MasterKey} that lives outside it.
 */
package org.connectorhub.hub.crypto;
