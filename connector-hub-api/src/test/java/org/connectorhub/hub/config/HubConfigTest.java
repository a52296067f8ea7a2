package org.connectorhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubConfigTest {
    @Test
    void defaultsFollowTheIssue() {
        HubConfig config = HubConfig.fromEnvironment(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.dataDir()).isEqualTo(Path.of("./hub-data"));
        assertThat(config.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.databaseSettings().jdbcUrl()).startsWith("jdbc:h2:file:").contains("hub-data");
        assertThat(config.masterKeyPath()).isEqualTo(Path.of("./hub-data/master.key"));
        assertThat(config.publicUrl(8080)).isEqualTo("http://localhost:8080");
        assertThat(config.connectorConfig("postmark").properties()).isEmpty();
    }

    @Test
    void readsEnvironmentVariablesAndConnectorSettings() {
        HubConfig config = HubConfig.fromEnvironment(Map.of(
                "HUB_PORT", "9090",
                "HUB_DATA_DIR", "/var/hub",
                "HUB_DB_URL", "jdbc:postgresql://db/hub",
                "HUB_DB_USER", "hub",
                "HUB_MAX_BODY_BYTES", "1000",
                "HUB_PUBLIC_URL", "https://hub.example.com/",
                "HUB_POSTMARK_BASE_URL", "http://127.0.0.1:9999",
                "HUB_POSTMARK_MAX_ATTEMPTS", "2",
                "PATH", "/usr/bin"));
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.databaseSettings().jdbcUrl()).isEqualTo("jdbc:postgresql://db/hub");
        assertThat(config.databaseSettings().user()).isEqualTo("hub");
        assertThat(config.maxBodyBytes()).isEqualTo(1000);
        assertThat(config.publicUrl(9090)).isEqualTo("https://hub.example.com");
        assertThat(config.masterKeyPath()).isEqualTo(Path.of("/var/hub/master.key"));
        assertThat(config.connectorConfig("postmark").properties())
                .containsOnly(Map.entry("base_url", "http://127.0.0.1:9999"), Map.entry("max_attempts", "2"));
    }

    @Test
    void neverPrintsSecrets() {
        HubConfig config = HubConfig.fromEnvironment(Map.of(
                "HUB_MASTER_KEY", "c2VjcmV0LW1hc3Rlci1rZXktdmFsdWU=",
                "HUB_BOOTSTRAP_API_KEY", "chk_bootstrap_secret_value",
                "HUB_DB_URL", "jdbc:postgresql://db/hub?password=dbsecretvalue",
                "HUB_DB_PASSWORD", "dbpasswordvalue"));
        assertThat(config.toString()).doesNotContain("c2VjcmV0LW1hc3Rlci1rZXktdmFsdWU=", "chk_bootstrap_secret_value",
                "dbsecretvalue", "dbpasswordvalue");
    }

    @Test
    void badNumbersAreRefusedWithTheVariableName() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_PORT", "eighty")))
                .hasMessageContaining("HUB_PORT");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_PORT", "70000")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
