package org.connectorhub.hub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.config.RecheckSettings;
import org.junit.jupiter.api.Test;

class RecheckSettingsTest {
    @Test
    void defaultsToADailyCheckAndFourAtOncePerProvider() {
        RecheckSettings settings = HubConfig.fromEnvironment(Map.of()).rechecks();
        assertThat(settings.interval()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.concurrencyPerProvider()).isEqualTo(4);
    }

    @Test
    void readsHubRecheckVariables() {
        RecheckSettings settings = HubConfig.fromEnvironment(Map.of(
                "HUB_RECHECK_INTERVAL", "6h", "HUB_RECHECK_CONCURRENCY", "2", "HUB_RECHECK_TICK", "PT30S")).rechecks();
        assertThat(settings).isEqualTo(new RecheckSettings(Duration.ofHours(6), 2, Duration.ofSeconds(30)));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_RECHECK_INTERVAL", "daily")).rechecks())
                .hasMessageContaining("HUB_RECHECK_INTERVAL");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_RECHECK_INTERVAL", "0s")).rechecks())
                .hasMessageContaining("HUB_RECHECK_INTERVAL");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_RECHECK_CONCURRENCY", "x")).rechecks())
                .hasMessageContaining("HUB_RECHECK_CONCURRENCY");
    }
}
