package org.connectorhub.core.architecture;

import java.sql.Connection;
import java.sql.SQLException;

/** A deliberately bad core class: the architecture rules must reject it. */
final class ViolatingCoreClass {
    boolean readOnly(Connection connection) throws SQLException {
        return connection.isReadOnly();
    }
}
