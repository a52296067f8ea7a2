package org.connectorhub.hub.storage;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A small read-through cache (Caffeine) whose entries live a fixed time after they were read,
 * for rows read on every request. Only found values are kept (a miss is never remembered, so
 * unknown keys cannot fill it); it holds at most {@code maxEntries}, evicting the least useful.
 * <p>
 * Writers call {@link #invalidate} after their change commits (on this hub; other hubs hear of it
 * through {@link ChangeListener}). A value loaded while any invalidation ran is returned but not
 * kept: every invalidation bumps a generation, and a load stores its value only if the generation
 * is the one it saw before reading, checked atomically with the store (inside {@code compute},
 * which an invalidation's {@code remove} of the same key waits for). So a row read before a delete
 * committed can never be put back after it. While {@code bypassed} says so (the change listener is
 * down) every read goes to the loader and nothing is kept.
 */
public final class ExpiringCache<K, V> {
    private final boolean enabled;
    private final BiPredicate<V, V> replaces;
    private final BooleanSupplier bypassed;
    private final Cache<K, V> cache;
    private final ConcurrentMap<K, V> entries;
    private final AtomicLong generation = new AtomicLong();

    /**
     * @param replaces whether a freshly loaded value may replace the one cached (e.g. not an
     *     older version of a row)
     * @param bypassed while true, reads go to the database and nothing is kept
     */
    public ExpiringCache(Duration ttl, int maxEntries, BiPredicate<V, V> replaces, BooleanSupplier bypassed) {
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || maxEntries < 0) {
            throw new IllegalArgumentException("ttl and maxEntries must not be negative");
        }
        this.enabled = !ttl.isZero() && maxEntries > 0;
        this.replaces = requireNonNull(replaces, "replaces is null");
        this.bypassed = requireNonNull(bypassed, "bypassed is null");
        // eviction runs on the calling thread: no background pool, and a bound that holds at once
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(enabled ? ttl : Duration.ofNanos(1))
                .maximumSize(Math.max(maxEntries, 0))
                .executor(Runnable::run)
                .build();
        this.entries = cache.asMap();
    }

    public ExpiringCache(Duration ttl, int maxEntries, BiPredicate<V, V> replaces) {
        this(ttl, maxEntries, replaces, () -> false);
    }

    public ExpiringCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, (fresh, cached) -> true);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The live cached value, else the loader's (kept if found and no write ran meanwhile). */
    public Optional<V> get(K key, Supplier<Optional<V>> loader) {
        if (!enabled || bypassed.getAsBoolean()) {
            return loader.get();
        }
        V cached = cache.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long seen = generation.get();
        Optional<V> loaded = loader.get();
        if (loaded.isEmpty()) {
            return loaded;
        }
        V value = loaded.get();
        // the entry's life counts from the store, just after the read
        entries.compute(key, (k, old) -> generation.get() != seen || bypassed.getAsBoolean() ? old
                : old == null || replaces.test(value, old) ? value : old);
        return loaded;
    }

    /** Forgets {@code key}, and keeps no value being loaded right now (call after the change committed). */
    public void invalidate(K key) {
        generation.incrementAndGet();
        entries.remove(key);
    }

    /** Forgets the entries that match, and keeps no value being loaded right now. */
    public void invalidateIf(BiPredicate<K, V> matches) {
        generation.incrementAndGet();
        entries.entrySet().removeIf(entry -> matches.test(entry.getKey(), entry.getValue()));
    }

    /** Forgets everything, and keeps no value being loaded right now. */
    public void invalidateAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }

    public int size() {
        cache.cleanUp();
        return (int) cache.estimatedSize();
    }
}
