package org.connectorhub.hub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.connectorhub.hub.config.HubConfig;
import org.junit.jupiter.api.Test;

class RecheckSettingsTest {
    @Test
    void defaultsToADailyCheckAndFourAtOncePerProvider() {
        RecheckSettings settings = RecheckSettings.from(HubConfig.fromEnvironment(Map.of()));
        assertThat(settings.interval()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.concurrencyPerProvider()).isEqualTo(4);
    }

    @Test
    void readsHubRecheckVariables() {
        RecheckSettings settings = RecheckSettings.from(HubConfig.fromEnvironment(Map.of(
                "HUB_RECHECK_INTERVAL", "6h", "HUB_RECHECK_CONCURRENCY", "2", "HUB_RECHECK_TICK", "PT30S")));
        assertThat(settings).isEqualTo(new RecheckSettings(Duration.ofHours(6), 2, Duration.ofSeconds(30)));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> RecheckSettings.from(HubConfig.fromEnvironment(Map.of("HUB_RECHECK_INTERVAL", "daily"))))
                .hasMessageContaining("HUB_RECHECK_INTERVAL");
        assertThatThrownBy(() -> RecheckSettings.from(HubConfig.fromEnvironment(Map.of("HUB_RECHECK_INTERVAL", "0s"))))
                .hasMessageContaining("HUB_RECHECK_INTERVAL");
        assertThatThrownBy(() -> RecheckSettings.from(HubConfig.fromEnvironment(Map.of("HUB_RECHECK_CONCURRENCY", "x"))))
                .hasMessageContaining("HUB_RECHECK_CONCURRENCY");
    }
}
