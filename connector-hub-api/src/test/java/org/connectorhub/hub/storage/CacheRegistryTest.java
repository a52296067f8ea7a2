package org.connectorhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the change listener does to the caches, played without a database. */
class CacheRegistryTest {
    private final CacheRegistry registry = new CacheRegistry();
    private final ExpiringCache<String, String> rows =
            new ExpiringCache<>(Duration.ofMinutes(5), 10, (fresh, cached) -> true, registry::bypassed);

    {
        registry.onChange("rows", id -> rows.invalidate(id));
        registry.onClear(rows::invalidateAll);
    }

    @Test
    void aNoticeDropsTheNamedRowOnly() {
        rows.get("a", () -> Optional.of("a1"));
        rows.get("b", () -> Optional.of("b1"));

        registry.changed("rows", "a");
        registry.changed("other_table", "b");

        assertThat(rows.get("a", () -> Optional.of("a2"))).contains("a2");
        assertThat(rows.get("b", () -> Optional.of("b2"))).contains("b1");
    }

    @Test
    void whileDeafNothingIsServedOrKeptAndListeningAgainStartsEmpty() {
        rows.get("a", () -> Optional.of("before"));

        registry.deaf();

        assertThat(rows.size()).isZero();
        assertThat(rows.get("a", () -> Optional.of("while down"))).contains("while down");
        assertThat(rows.get("a", () -> Optional.of("still down"))).contains("still down");
        assertThat(rows.size()).isZero();

        registry.listening();

        assertThat(rows.get("a", () -> Optional.of("back"))).contains("back");
        assertThat(rows.get("a", () -> Optional.of("ignored"))).as("cached again").contains("back");
    }
}
