package org.connectorhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HubConfigTest {
    @Test
    void defaultsFollowTheIssue() {
        HubConfig config = HubConfig.fromEnvironment(Map.of());
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.cipher().dataDir()).isEqualTo(Path.of("./hub-data"));
        assertThat(config.http().maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.databaseSettings().jdbcUrl()).startsWith("jdbc:h2:file:").contains("hub-data");
        assertThat(config.cipher().masterKeyPath()).isEqualTo(Path.of("./hub-data/master.key"));
        assertThat(config.http().publicUrl(8080)).isEqualTo("http://localhost:8080");
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
        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.databaseSettings().jdbcUrl()).isEqualTo("jdbc:postgresql://db/hub");
        assertThat(config.databaseSettings().user()).isEqualTo("hub");
        assertThat(config.http().maxBodyBytes()).isEqualTo(1000);
        assertThat(config.http().publicUrl(9090)).isEqualTo("https://hub.example.com");
        assertThat(config.cipher().masterKeyPath()).isEqualTo(Path.of("/var/hub/master.key"));
        assertThat(config.connectorConfig("postmark").properties())
                .containsOnly(Map.entry("base_url", "http://127.0.0.1:9999"), Map.entry("max_attempts", "2"));
    }

    @Test
    void neverPrintsSecrets() {
        HubConfig config = HubConfig.fromEnvironment(Map.of(
                "HUB_MASTER_KEY", "c2VjcmV0LW1hc3Rlci1rZXktdmFsdWU=",
                "HUB_BOOTSTRAP_API_KEY", "chk_bootstrap_secret_value",
                "HUB_DB_URL", "jdbc:postgresql://db/hub?password=dbsecretvalue",
                "HUB_DB_PASSWORD", "dbpasswordvalue",
                "HUB_POSTMARK_BASE_URL", "https://user:connectorsecret@proxy.example"));
        assertThat(config.toString()).doesNotContain("c2VjcmV0LW1hc3Rlci1rZXktdmFsdWU=", "chk_bootstrap_secret_value",
                "dbsecretvalue", "dbpasswordvalue", "connectorsecret");
        assertThat(config.toString()).contains("HttpConfig").contains("port=8080");
    }

    @Test
    void badNumbersAreRefusedWithTheVariableName() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_PORT", "eighty")))
                .hasMessageContaining("HUB_PORT");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_PORT", "70000")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sectionsHoldWhatTheirSliceReads() {
        HubConfig config = HubConfig.fromEnvironment(Map.of(
                "HUB_HOST", "0.0.0.0",
                "HUB_ALLOWED_ORIGINS", "https://App.example.com/,http://localhost:3000",
                "HUB_DB_PASSWORD", "pw",
                "HUB_MASTER_KEY_FILE", "/keys/hub.key",
                "HUB_BOOTSTRAP_API_KEY", "chk_x",
                "HUB_CACHE_MAX_ENTRIES", "7",
                "HUB_WEBHOOKS_RETRY_FOR", "1h",
                "HUB_RECHECK_TICK", "500ms"));
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.http().allowedOrigins()).containsExactly("https://app.example.com", "http://localhost:3000");
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.database().password()).isEqualTo("pw");
        assertThat(config.cipher().masterKeyPath()).isEqualTo(Path.of("/keys/hub.key"));
        assertThat(config.projects().bootstrapApiKey()).contains("chk_x");
        assertThat(config.caches().maxEntries()).isEqualTo(7);
        assertThat(config.webhooks().retryFor()).isEqualTo(Duration.ofHours(1));
        assertThat(config.rechecks().tick()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void everyDurationVariableTakesTheOneGrammarAndNamesItselfWhenWrong() {
        for (HubVariable variable : HubVariable.values()) {
            if (variable.kind() != HubVariable.Kind.DURATION) {
                continue;
            }
            String name = variable.variable();
            HubConfig seconds = HubConfig.fromEnvironment(Map.of(name, "3s"));
            assertThat(HubConfig.fromEnvironment(Map.of(name, "3000ms"))).as(name).isEqualTo(seconds);
            assertThat(HubConfig.fromEnvironment(Map.of(name, "PT3S"))).as(name).isEqualTo(seconds);
            assertThat(seconds).as(name).isNotEqualTo(HubConfig.defaults());
            assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of(name, "soon"))).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name)
                    .hasMessageContaining(Durations.GRAMMAR);
        }
        // zero is grammar; whether it is allowed is the setting's rule
        assertThat(HubConfig.fromEnvironment(Map.of("HUB_CACHE_ACCOUNT_TTL", "0")).caches().accountTtl()).isZero();
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HUB_WEBHOOKS_TIMEOUT", "0")))
                .hasMessageContaining("HUB_WEBHOOKS_TIMEOUT");
        assertThat(HubConfig.fromEnvironment(Map.of("HUB_RECHECK_INTERVAL", "3d")).rechecks().interval())
                .isEqualTo(Duration.ofDays(3));
        assertThat(HubConfig.fromEnvironment(Map.of("HUB_CACHE_API_KEY_TTL", "5m")).caches().apiKeyTtl())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aMistypedVariableIsWarnedAboutWithTheNearestNameButNotItsValue() {
        HubConfig config = HubConfig.fromEnvironment(Map.of("HUB_PROT", "9191-value-not-to-print"));

        assertThat(config.warnings()).singleElement().asString()
                .contains("HUB_PROT").contains("did you mean HUB_PORT?").doesNotContain("9191-value-not-to-print");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.connectors().settings()).isEmpty();
        assertThat(config.toString()).doesNotContain("9191-value-not-to-print");
    }

    @Test
    void settingsOfAProviderThatIsNotInstalledAreWarnedAboutAndNotPassedOn() {
        HubConfig config = HubConfig.fromEnvironment(Map.of(
                "HUB_POSTMRK_BASE_URL", "http://typo.example",
                "HUB_SENDGRID_API_KEY", "SG.secret-value"));

        assertThat(config.warnings()).hasSize(2);
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).startsWith("HUB_POSTMRK_BASE_URL ")
                .contains("did you mean HUB_POSTMARK_BASE_URL?"));
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).startsWith("HUB_SENDGRID_API_KEY ")
                .contains("ignored").doesNotContain("did you mean"));
        assertThat(String.join("\n", config.warnings())).doesNotContain("typo.example", "SG.secret-value");
        assertThat(config.connectors().settings()).isEmpty();
        assertThat(config.connectorConfig("sendgrid").properties()).isEmpty();
    }

    @Test
    void aKeyTheConnectorDoesNotDeclareIsPassedOnWithAWarning() {
        HubConfig config = HubConfig.fromEnvironment(Map.of("HUB_POSTMARK_BASE_ULR", "http://127.0.0.1:1"));

        assertThat(config.connectorConfig("postmark").properties()).containsOnly(Map.entry("base_ulr", "http://127.0.0.1:1"));
        assertThat(config.warnings()).singleElement().asString()
                .contains("HUB_POSTMARK_BASE_ULR").contains("did you mean HUB_POSTMARK_BASE_URL?")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void onlyInstalledConnectorsGetSettings() {
        HubConfig config = HubConfig.builder().installedConnectors(Map.of("acme", Set.of("region")))
                .environment(Map.of("HUB_ACME_REGION", "eu", "HUB_POSTMARK_BASE_URL", "http://127.0.0.1:1"))
                .build();

        assertThat(config.connectorConfig("acme").properties()).containsOnly(Map.entry("region", "eu"));
        assertThat(config.connectorConfig("postmark").properties()).isEmpty();
        assertThat(config.warnings()).singleElement().asString().startsWith("HUB_POSTMARK_BASE_URL ");
    }

    @Test
    void knownHubConnectorAndLauncherVariablesDrawNoWarning() {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "HUB_PORT", "8081", "HUB_WEBHOOKS_TIMEOUT", "5s", "HUB_POSTMARK_MAX_CONNECTIONS", "8",
                "HUB_POSTMARK_READ_TIMEOUT_MS", "100", "HUB_PROT", " "));
        env.putAll(Map.of("HUB_HEAP", "512m", "HUB_CDS", "0", "HUB_JAVA_OPTS", "-Xss1m", "HUB_REBUILD", "1",
                "HUB_BUILD_DIR", "target", "HUB_JAVA", "/opt/jdk-25/bin/java", "HUB_AOT", "0", "HUB_NICE_REQUESTS", "0"));
        HubConfig config = HubConfig.fromEnvironment(env);

        assertThat(config.warnings()).as("a blank value counts as unset").isEmpty();
        assertThat(config.connectorConfig("postmark").properties()).containsOnlyKeys("max_connections", "read_timeout_ms");
    }

    @Test
    void equalModelsAreEqualAndTheBuilderIsTheEnvironmentByAnotherName() {
        HubConfig fromEnv = HubConfig.fromEnvironment(Map.of("HUB_PORT", "0", "HUB_DATA_DIR", "/d",
                "HUB_ALLOWED_ORIGINS", "https://a.example.com", "HUB_POSTMARK_BASE_URL", "http://x"));
        HubConfig built = HubConfig.builder().port(0).dataDir(Path.of("/d"))
                .allowedOrigins(List.of("https://a.example.com")).connector("postmark", "base_url", "http://x").build();
        assertThat(built).isEqualTo(fromEnv);
    }
}
