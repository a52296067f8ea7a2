package org.connectorhub.hub.crypto;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import javax.sql.DataSource;

/**
 * What {@code keys reseal} and {@code keys retire} work with, opened on the hub's database here so
 * the commands themselves never hold a {@link DataSource}.
 */
record KeyMaintenance(KeyResealer resealer, KeysetRepository keysets) {
    KeyMaintenance {
        requireNonNull(resealer, "resealer is null");
        requireNonNull(keysets, "keysets is null");
    }

    static KeyMaintenance on(Injector injector, CipherLifecycle cipher) {
        DataSource dataSource = injector.getInstance(DataSource.class);
        return new KeyMaintenance(new KeyResealer(dataSource, cipher, cipher::primaryVersion),
                new KeysetRepository(dataSource));
    }
}
