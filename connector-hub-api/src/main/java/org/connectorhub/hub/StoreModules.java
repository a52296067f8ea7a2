package org.connectorhub.hub;

import com.google.inject.Module;
import org.connectorhub.hub.config.HubConfig;

/**
 * Chooses the store module by database URL, outside any module: today the JDBC store serves
 * both embedded H2 ({@code jdbc:h2:}) and PostgreSQL ({@code jdbc:postgresql:}).
 */
public final class StoreModules {
    private StoreModules() {
    }

    public static Module forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new JdbcStoreModule();
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:h2: or jdbc:postgresql:)");
    }

    public static Module forConfig(HubConfig config) {
        return forUrl(config.databaseSettings().jdbcUrl());
    }
}
