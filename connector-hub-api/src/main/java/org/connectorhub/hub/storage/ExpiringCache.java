package org.connectorhub.hub.storage;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * A small read-through cache whose entries live a fixed time, for rows read on every request.
 * Only found values are kept (a miss is never remembered, so unknown keys cannot fill it); it
 * holds about {@code maxEntries} at most and, when full, takes nothing new until its entries expire.
 * <p>
 * Writers call {@link #invalidate} after their change commits. A value loaded while any
 * invalidation ran is returned but not kept: every invalidation bumps a generation, and a load
 * stores its value only if the generation is the one it saw before reading, checked atomically
 * with the store (inside {@code compute}, which an invalidation's {@code remove} of the same key
 * waits for). So a row read before a delete committed can never be put back after it.
 */
public final class ExpiringCache<K, V> {
    private record Entry<V>(V value, long expiresAt) {
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final BiPredicate<V, V> replaces;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile long nextPurge = System.nanoTime();

    /**
     * @param replaces whether a freshly loaded value may replace the one cached (e.g. not an
     *     older version of a row)
     */
    public ExpiringCache(Duration ttl, int maxEntries, BiPredicate<V, V> replaces) {
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || maxEntries < 0) {
            throw new IllegalArgumentException("ttl and maxEntries must not be negative");
        }
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.replaces = requireNonNull(replaces, "replaces is null");
    }

    public ExpiringCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, (fresh, cached) -> true);
    }

    public boolean enabled() {
        return ttlNanos > 0 && maxEntries > 0;
    }

    /** The live cached value, else the loader's (kept if found and no write ran meanwhile). */
    public Optional<V> get(K key, Supplier<Optional<V>> loader) {
        if (!enabled()) {
            return loader.get();
        }
        long now = System.nanoTime();
        Entry<V> cached = entries.get(key);
        if (cached != null && now - cached.expiresAt() < 0) {
            return Optional.of(cached.value());
        }
        long seen = generation.get();
        Optional<V> loaded = loader.get();
        if (loaded.isEmpty()) {
            if (cached != null) {
                entries.remove(key, cached);
            }
            return loaded;
        }
        // the entry's life counts from before the read, never longer than the TTL after it
        if (cached != null || hasRoom(now)) {
            V value = loaded.get();
            Entry<V> fresh = new Entry<>(value, now + ttlNanos);
            entries.compute(key, (k, old) -> generation.get() != seen ? old
                    : old == null || replaces.test(value, old.value()) ? fresh : old);
        }
        return loaded;
    }

    /** Forgets {@code key}, and keeps no value being loaded right now (call after the change committed). */
    public void invalidate(K key) {
        generation.incrementAndGet();
        entries.remove(key);
    }

    /** Forgets everything, and keeps no value being loaded right now. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    public int size() {
        return entries.size();
    }

    private boolean hasRoom(long now) {
        if (entries.size() < maxEntries) {
            return true;
        }
        // full: drop expired entries, at most a few times per TTL (the scan is linear)
        if (now - nextPurge >= 0) {
            nextPurge = now + Math.max(ttlNanos / 4, 1_000_000L);
            entries.values().removeIf(entry -> now - entry.expiresAt() >= 0);
        }
        return entries.size() < maxEntries;
    }
}
