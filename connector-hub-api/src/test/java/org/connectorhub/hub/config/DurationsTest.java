package org.connectorhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class DurationsTest {
    @Example
    void readsZeroEveryUnitAndIsoEightySixOhOne() {
        assertThat(Durations.parse("X", "0")).isEqualTo(Duration.ZERO);
        assertThat(Durations.parse("X", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("X", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("X", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("X", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("X", "3d")).isEqualTo(Duration.ofDays(3));
        assertThat(Durations.parse("X", "PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("X", " 5 M ")).as("case and spaces do not matter").isEqualTo(Duration.ofMinutes(5));
    }

    @Example
    void refusesAnythingElseNamingTheVariableAndTheGrammar() {
        for (String bad : new String[] {"soon", "", " ", "5", "-5s", "5w", "1.5s", "ms", "PT-5S", "5s5", "99999999999999999d"}) {
            assertThatThrownBy(() -> Durations.parse("HUB_WEBHOOKS_TIMEOUT", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HUB_WEBHOOKS_TIMEOUT").hasMessageContaining("500ms, 30s, 5m, 1h, 3d");
        }
        assertThatThrownBy(() -> Durations.parse("HUB_RECHECK_TICK", null)).hasMessageContaining("HUB_RECHECK_TICK");
    }

    @Property
    void anAmountWithAUnitIsThatMany(@ForAll @LongRange(max = 1_000_000) long amount, @ForAll("units") String unit) {
        Duration expected = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        assertThat(Durations.parse("X", amount + unit)).isEqualTo(expected);
        assertThat(Durations.parse("X", amount + unit.toUpperCase())).isEqualTo(expected);
    }

    @Property
    void whatFormatWritesParseReadsBack(@ForAll @LongRange(max = 1_000_000_000_000L) long millis) {
        Duration duration = Duration.ofMillis(millis);
        assertThat(Durations.parse("X", Durations.format(duration))).isEqualTo(duration);
    }

    @Property
    void lettersAloneAreNeverADuration(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String text) {
        assertThatThrownBy(() -> Durations.parse("HUB_CACHE_API_KEY_TTL", text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HUB_CACHE_API_KEY_TTL");
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("ms", "s", "m", "h", "d");
    }
}
