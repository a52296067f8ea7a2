package org.connectorhub.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.config.WebhookSettings;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {
    @Test
    void defaultsRefusePrivateAddressesAndRetryForMoreThanADay() {
        WebhookSettings defaults = HubConfig.fromEnvironment(Map.of()).webhooks();
        assertThat(defaults).isEqualTo(WebhookSettings.defaults());
        assertThat(defaults.allowPrivateAddresses()).isFalse();
        assertThat(defaults.retryFor()).isGreaterThanOrEqualTo(Duration.ofDays(1));

        // the schedule: 30s, 1m, 2m, ... capped at 1h; attempts go on for the whole retry period
        assertThat(defaults.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.backoff(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(defaults.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.backoff(500)).isEqualTo(Duration.ofHours(1));
        Duration elapsed = Duration.ZERO;
        int attempts = 1;
        while (elapsed.plus(defaults.backoff(attempts)).compareTo(defaults.retryFor()) <= 0) {
            elapsed = elapsed.plus(defaults.backoff(attempts));
            attempts++;
        }
        assertThat(attempts).isGreaterThan(24);
        assertThat(elapsed).isGreaterThan(Duration.ofDays(1));
    }

    @Test
    void readsHubWebhooksVariables() {
        WebhookSettings settings = HubConfig.fromEnvironment(Map.of(
                "HUB_WEBHOOKS_ALLOW_PRIVATE", "true",
                "HUB_WEBHOOKS_RETRY_BASE", "250ms",
                "HUB_WEBHOOKS_RETRY_MAX_DELAY", "PT2M",
                "HUB_WEBHOOKS_RETRY_FOR", "2d",
                "HUB_WEBHOOKS_TIMEOUT", "5s",
                "HUB_WEBHOOKS_CONCURRENCY", "3",
                "HUB_WEBHOOKS_POLL_INTERVAL", "100ms")).webhooks();
        assertThat(settings).isEqualTo(new WebhookSettings(true, Duration.ofMillis(250), Duration.ofMinutes(2),
                Duration.ofDays(2), Duration.ofSeconds(5), 3, Duration.ofMillis(100)));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_WEBHOOKS_ALLOW_PRIVATE", "yes")).webhooks())
                .hasMessageContaining("HUB_WEBHOOKS_ALLOW_PRIVATE");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_WEBHOOKS_RETRY_BASE", "soon")).webhooks())
                .hasMessageContaining("HUB_WEBHOOKS_RETRY_BASE");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_WEBHOOKS_TIMEOUT", "0s")).webhooks())
                .hasMessageContaining("HUB_WEBHOOKS_TIMEOUT");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_WEBHOOKS_CONCURRENCY", "0")).webhooks())
                .hasMessageContaining("HUB_WEBHOOKS_CONCURRENCY");
    }
}
