package org.connectorhub.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityEntryIdTest {
    @Test
    void idsAreLogPrefixedCrockfordBase32() {
        assertThat(ActivityEntry.newId(Instant.now())).matches("log_[0-9a-hjkmnp-tv-z]{26}");
    }

    @Test
    void idsMadeLaterSortLaterSoTheKeyGrowsAtItsEnd() {
        Instant start = Instant.parse("2026-12-05T16:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(ActivityEntry.newId(start.plusMillis(i * 7L)));
        }
        assertThat(ids).isSorted();
        // the time part is the same length for any date up to the year 10889, so string order is time order
        assertThat(ActivityEntry.newId(Instant.parse("1970-01-01T00:00:00.001Z")))
                .isLessThan(ActivityEntry.newId(Instant.parse("9999-12-31T23:59:59Z")));
    }

    @Test
    void idsInTheSameMillisecondDifferByTheirRandomPart() {
        Instant now = Instant.now();
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(ActivityEntry.newId(now));
        }
        assertThat(ids).hasSize(10_000);
        assertThat(ids).allMatch(id -> id.substring(4, 14).equals(ids.iterator().next().substring(4, 14)));
    }
}
