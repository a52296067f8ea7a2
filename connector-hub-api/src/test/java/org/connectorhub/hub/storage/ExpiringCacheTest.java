package org.connectorhub.hub.storage;

import org.connectorhub.hub.config.CacheSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectorhub.hub.config.HubConfig;
import org.junit.jupiter.api.Test;

/**
 * The cache behind the action path's lookups, and its settings. A "write during a load" is
 * played deterministically: the loader itself invalidates, as a writer committing between the
 * read and the store would.
 */
class ExpiringCacheTest {
    private final AtomicInteger loads = new AtomicInteger();

    private Optional<String> load(String value) {
        loads.incrementAndGet();
        return Optional.ofNullable(value);
    }

    @Test
    void aFoundValueIsServedFromTheCacheWithinItsTtl() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofMinutes(1), 10);

        assertThat(cache.get("k", () -> load("first"))).contains("first");
        assertThat(cache.get("k", () -> load("second"))).contains("first");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aZeroTtlOrSizeCachesNothing() {
        for (ExpiringCache<String, String> cache : java.util.List.of(new ExpiringCache<String, String>(Duration.ZERO, 10),
                new ExpiringCache<String, String>(Duration.ofMinutes(1), 0))) {
            loads.set(0);
            assertThat(cache.get("k", () -> load("first"))).contains("first");
            assertThat(cache.get("k", () -> load("second"))).contains("second");
            assertThat(loads).hasValue(2);
            assertThat(cache.size()).isZero();
        }
    }

    @Test
    void missesAreNeverCached() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofMinutes(1), 10);
        for (int i = 0; i < 100; i++) {
            assertThat(cache.get("unknown-" + i, () -> load(null))).isEmpty();
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void aFullCacheStaysWithinItsBoundAndStillAnswers() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofMinutes(1), 3);
        for (int i = 0; i < 10; i++) {
            String key = "k" + i;
            assertThat(cache.get(key, () -> load(key))).contains(key);
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("new", () -> load("new"))).contains("new");
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void whileBypassedEveryReadGoesToTheLoaderAndNothingIsKept() {
        java.util.concurrent.atomic.AtomicBoolean bypassed = new java.util.concurrent.atomic.AtomicBoolean(true);
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofMinutes(1), 10, (a, b) -> true, bypassed::get);

        assertThat(cache.get("k", () -> load("first"))).contains("first");
        assertThat(cache.get("k", () -> load("second"))).contains("second");
        assertThat(cache.size()).isZero();

        bypassed.set(false);
        assertThat(cache.get("k", () -> load("third"))).contains("third");
        assertThat(cache.get("k", () -> load("fourth"))).as("cached again").contains("third");
    }

    @Test
    void aValueLoadedWhenTheBypassStartedIsNotKept() {
        java.util.concurrent.atomic.AtomicBoolean bypassed = new java.util.concurrent.atomic.AtomicBoolean();
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofMinutes(1), 10, (a, b) -> true, bypassed::get);

        cache.get("k", () -> {
            bypassed.set(true);
            return load("read as the listener went down");
        });

        bypassed.set(false);
        assertThat(cache.get("k", () -> load("fresh"))).contains("fresh");
    }

    @Test
    void invalidateIfForgetsTheMatchingEntriesOnly() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofMinutes(1), 10);
        cache.get("a", () -> load("project-1"));
        cache.get("b", () -> load("project-2"));

        cache.invalidateIf((key, value) -> value.equals("project-1"));

        assertThat(cache.get("a", () -> load("reloaded"))).contains("reloaded");
        assertThat(cache.get("b", () -> load("reloaded"))).contains("project-2");
    }

    @Test
    void anInvalidatedKeyIsLoadedAgain() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofMinutes(1), 10);
        cache.get("k", () -> load("old"));

        cache.invalidate("k");

        assertThat(cache.get("k", () -> load("new"))).contains("new");
        cache.invalidateAll();
        assertThat(cache.get("k", () -> load("newer"))).contains("newer");
    }

    @Test
    void aValueLoadedWhileAWriteRanIsReturnedButNotKept() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofMinutes(1), 10);

        // read the row, then the delete commits and invalidates before the load stores it
        Optional<String> raced = cache.get("k", () -> {
            Optional<String> read = load("deleted meanwhile");
            cache.invalidate("k");
            return read;
        });

        assertThat(raced).contains("deleted meanwhile");
        assertThat(cache.get("k", () -> load(null))).as("the delete is what the next read sees").isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aLaggingReadOfAnOlderVersionNeverReplacesANewerOne() {
        ExpiringCache<String, Integer> cache = new ExpiringCache<>(Duration.ofMinutes(1), 10,
                (fresh, cached) -> fresh >= cached);

        // a slow reader got version 1; meanwhile a faster one read and cached version 2
        Optional<Integer> slow = cache.get("k", () -> {
            cache.get("k", () -> Optional.of(2));
            return Optional.of(1);
        });

        assertThat(slow).contains(1);
        assertThat(cache.get("k", () -> Optional.of(99))).contains(2);
    }

    @Test
    void settingsComeFromHubCacheVariables() {
        HubConfig config = HubConfig.fromEnvironment(Map.of("HUB_CACHE_API_KEY_TTL", "500ms",
                "HUB_CACHE_ACCOUNT_TTL", "0", "HUB_CACHE_MAX_ENTRIES", "42"));

        CacheSettings settings = config.caches();

        assertThat(settings).isEqualTo(new CacheSettings(Duration.ofMillis(500), Duration.ZERO, 42));
        assertThat(HubConfig.defaults().caches()).isEqualTo(CacheSettings.defaults());
        assertThat(HubConfig.fromEnvironment(Map.of("HUB_CACHE_API_KEY_TTL", "PT2S")).caches().apiKeyTtl())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(HubConfig.fromEnvironment(Map.of("HUB_CACHE_API_KEY_TTL", "1m")).caches().apiKeyTtl())
                .isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_CACHE_ACCOUNT_TTL", "soon")))
                .hasMessageContaining("HUB_CACHE_ACCOUNT_TTL");
        assertThatThrownBy(() -> new CacheSettings(Duration.ofHours(1), Duration.ZERO, 1))
                .hasMessageContaining("HUB_CACHE_API_KEY_TTL");
        assertThatThrownBy(() -> new CacheSettings(Duration.ZERO, Duration.ZERO, -1))
                .hasMessageContaining("HUB_CACHE_MAX_ENTRIES");
    }
}
