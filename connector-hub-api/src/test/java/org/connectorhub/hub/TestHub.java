package org.connectorhub.hub;

import org.connectorhub.hub.config.HubConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.connectorhub.hub.http.HttpServer;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * A hub on a free loopback port with its data in a temp directory, talking to a fake Postmark,
 * with a known bootstrap API key. Provider retries are off and timeouts short, to keep tests fast.
 */
public final class TestHub implements AutoCloseable {
    private final HubConfig config;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Hub hub;
    private final HubClient client;

    private TestHub(HubConfig config) {
        this.config = config;
        this.hub = Hub.create(HubModules.server(config, new PrintStream(console, true, StandardCharsets.UTF_8))).start();
        this.client = new HubClient("http://127.0.0.1:" + hub.instance(HttpServer.class).port());
    }

    public static HubConfig.Builder config(FakePostmark postmark, Path dataDir, String apiKey) {
        HubConfig.Builder builder = HubConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .dataDir(dataDir)
                .connector("postmark", "base_url", postmark.baseUri().toString())
                .connector("postmark", "max_attempts", "1")
                .connector("postmark", "connect_timeout_ms", "1000")
                .connector("postmark", "read_timeout_ms", "2000");
        return apiKey == null ? builder : builder.bootstrapApiKey(apiKey);
    }

    public static TestHub start(HubConfig config) {
        return new TestHub(config);
    }

    public static TestHub start(FakePostmark postmark, Path dataDir, String apiKey) {
        return start(config(postmark, dataDir, apiKey).build());
    }

    public HubClient client() {
        return client;
    }

    public HubConfig config() {
        return config;
    }

    public Hub hub() {
        return hub;
    }

    public <T> T instance(Class<T> type) {
        return hub.instance(type);
    }

    /** What the hub printed on its console (the one-time bootstrap key, if any). */
    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        hub.stop();
    }
}
