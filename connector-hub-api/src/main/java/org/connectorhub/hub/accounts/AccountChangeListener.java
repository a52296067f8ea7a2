package org.connectorhub.hub.accounts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.connectorhub.core.domain.LinkedAccount;

/**
 * Told about every change of an account inside the transaction that makes it, with that
 * transaction's connection: whatever it writes commits or rolls back with the change (the
 * webhook outbox). {@code before} is empty for an insert, {@code after} for a delete.
 */
@FunctionalInterface
public interface AccountChangeListener {
    AccountChangeListener NONE = (connection, before, after) -> { };

    /** Tells each listener in turn (webhook outbox, audit trail), all in the same transaction. */
    static AccountChangeListener all(List<AccountChangeListener> listeners) {
        List<AccountChangeListener> copy = List.copyOf(listeners);
        if (copy.isEmpty()) {
            return NONE;
        }
        return copy.size() == 1 ? copy.get(0) : (connection, before, after) -> {
            for (AccountChangeListener listener : copy) {
                listener.changed(connection, before, after);
            }
        };
    }

    /** A failure rolls the account change back. */
    void changed(Connection connection, Optional<LinkedAccount> before, Optional<LinkedAccount> after)
            throws SQLException;
}
