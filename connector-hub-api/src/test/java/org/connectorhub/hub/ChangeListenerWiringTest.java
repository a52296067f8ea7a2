package org.connectorhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.connectorhub.hub.storage.ChangeListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change listener joins only where there is something to hear: on PostgreSQL with a cache on;
 * never on H2 (one process), never with every cache TTL at 0. Only wiring: nothing is started.
 */
class ChangeListenerWiringTest {
    @TempDir
    Path dataDir;

    private boolean listens(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("HUB_DATA_DIR", dataDir.toString());
        Injector injector = Guice.createInjector(HubModules.embedded(HubConfig.fromEnvironment(all),
                new PrintStream(new ByteArrayOutputStream())));
        Set<Lifecycle> lifecycles = injector.getInstance(Key.get(new TypeLiteral<Set<Lifecycle>>() { }));
        return lifecycles.stream().anyMatch(ChangeListener.class::isInstance);
    }

    @Test
    void onPostgresqlWithACacheOnAHubListens() {
        assertThat(listens(Map.of("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:1/hub"))).isTrue();
        assertThat(listens(Map.of("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:1/hub", "HUB_CACHE_API_KEY_TTL", "0")))
                .as("the account cache alone is reason enough").isTrue();
    }

    @Test
    void onH2OrWithoutCachesNoListenerIsStarted() {
        assertThat(listens(Map.of())).isFalse();
        assertThat(listens(Map.of("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:1/hub",
                "HUB_CACHE_API_KEY_TTL", "0", "HUB_CACHE_ACCOUNT_TTL", "0"))).isFalse();
        assertThat(listens(Map.of("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:1/hub", "HUB_CACHE_MAX_ENTRIES", "0")))
                .isFalse();
    }
}
