package org.connectorhub.hub.crypto;

/** The master key given does not open the keyset stored in this database. */
public final class MasterKeyMismatchException extends IllegalStateException {
    public MasterKeyMismatchException(String message) {
        super(message);
    }
}
