package org.connectorhub.hub.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The hub's read caches, as the {@link ChangeListener} sees them: each cache subscribes to the
 * tables its rows come from ({@link #onChange}, told the changed row's id) and can be emptied
 * ({@link #onClear}). While the listener cannot hear about changes the caches are
 * {@link #bypassed()}: every read goes to the database. Without a listener (H2, one process, or
 * caches off) nothing is ever bypassed and only this hub's own writes invalidate.
 */
public final class CacheRegistry {
    private final Map<String, List<Consumer<String>>> byTable = new ConcurrentHashMap<>();
    private final List<Runnable> clears = new CopyOnWriteArrayList<>();
    private volatile boolean bypassed;

    /** {@code drop} forgets what the row {@code table}/{@code id} changed (called on the listener's thread). */
    public void onChange(String table, Consumer<String> drop) {
        requireNonNull(table, "table is null");
        requireNonNull(drop, "drop is null");
        byTable.computeIfAbsent(table, key -> new CopyOnWriteArrayList<>()).add(drop);
    }

    /** {@code clear} forgets everything the cache holds. */
    public void onClear(Runnable clear) {
        clears.add(requireNonNull(clear, "clear is null"));
    }

    /** True while changes made elsewhere could go unheard: caches must neither answer nor keep. */
    public boolean bypassed() {
        return bypassed;
    }

    /** Another hub (or this one) changed {@code table}/{@code id}. */
    public void changed(String table, String id) {
        for (Consumer<String> drop : byTable.getOrDefault(table, List.of())) {
            drop.accept(id);
        }
    }

    /** The listener cannot hear changes any more: bypass first, then forget (a load in flight is not kept). */
    public void deaf() {
        bypassed = true;
        clears.forEach(Runnable::run);
    }

    /**
     * The listener hears changes again (it is listening already): forget everything cached before,
     * then cache again.
     */
    public void listening() {
        clears.forEach(Runnable::run);
        bypassed = false;
    }
}
