package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.core.spi.ConnectorDiscovery;
import org.connectorhub.core.spi.ConnectorFactory;
import org.junit.jupiter.api.Test;

class PostmarkWiringTest {
    @Test
    void the_service_loader_finds_the_postmark_factory() {
        Map<String, ConnectorFactory> factories = ConnectorDiscovery.factories(getClass().getClassLoader());
        assertThat(factories).containsKey("postmark");
        assertThat(factories.get("postmark")).isInstanceOf(PostmarkConnectorFactory.class);
        Connector connector = factories.get("postmark").create(ConnectorConfig.empty());
        assertThat(connector.descriptor().provider()).isEqualTo("postmark");
        connector.close();
    }

    @Test
    void the_guice_module_contributes_postmark_to_the_connector_map() {
        Injector injector = Guice.createInjector(new PostmarkModule(new ConnectorConfig(Map.of(
                ConnectorConfig.BASE_URL, "http://127.0.0.1:9"))));
        Map<String, Connector> connectors = injector.getInstance(Key.get(new TypeLiteral<Map<String, Connector>>() { }));
        assertThat(connectors).containsOnlyKeys("postmark");
        assertThat(connectors.get("postmark")).isInstanceOf(PostmarkConnector.class);
        assertThat(connectors.get("postmark").actions()).hasSize(27);
        assertThat(connectors.get("postmark").toString()).contains("127.0.0.1:9");
    }

    @Test
    void settings_come_from_the_config_with_postmarks_defaults() {
        PostmarkSettings defaults = PostmarkSettings.from(ConnectorConfig.empty());
        assertThat(defaults.baseUrl()).hasToString("https://api.postmarkapp.com");
        assertThat(defaults.connectTimeout()).hasMillis(5000);
        assertThat(defaults.readTimeout()).hasMillis(30000);
        assertThat(defaults.maxAttempts()).isEqualTo(3);
        assertThat(defaults.maxRetryWait()).hasMillis(10000);
        assertThat(defaults.maxConnections()).isEqualTo(64);

        PostmarkSettings custom = PostmarkSettings.from(new ConnectorConfig(Map.of("base_url", "http://127.0.0.1:8080/",
                "read_timeout_ms", "300", "max_attempts", "1", "max_connections", "8")));
        assertThat(custom.baseUrl()).hasToString("http://127.0.0.1:8080");
        assertThat(custom.readTimeout()).hasMillis(300);
        assertThat(custom.maxAttempts()).isEqualTo(1);
        assertThat(custom.maxConnections()).isEqualTo(8);
    }

    @Test
    void max_connections_below_one_is_refused() {
        assertThatThrownBy(() -> PostmarkSettings.from(new ConnectorConfig(Map.of("max_connections", "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_connections");
    }
}
