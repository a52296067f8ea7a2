package org.connectorhub.hub;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import org.connectorhub.hub.config.CacheSettings;
import org.connectorhub.hub.config.HubConfig;

/**
 * Chooses the store module by database URL, outside any module: today the JDBC store serves
 * both embedded H2 ({@code jdbc:h2:}) and PostgreSQL ({@code jdbc:postgresql:}). On PostgreSQL
 * with a cache on, the change listener joins (several hubs may share the database); on H2 (one
 * process) or with every cache TTL at 0 there is nothing to listen for.
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
        String url = config.databaseSettings().jdbcUrl();
        Module store = forUrl(url);
        return url.startsWith("jdbc:postgresql:") && cachesOn(config.caches())
                ? Modules.combine(store, new ChangeListenerModule()) : store;
    }

    private static boolean cachesOn(CacheSettings caches) {
        return caches.maxEntries() > 0 && (!caches.apiKeyTtl().isZero() || !caches.accountTtl().isZero());
    }
}
