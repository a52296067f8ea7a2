package org.connectorhub.hub;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running test hub and its fake Postmark for the tests of one class, started before the
 * class's own {@code @BeforeAll} methods and stopped (data directory deleted) after the class:
 * <pre>{@code
 * @RegisterExtension
 * static final TestHubExtension running = TestHubExtension.withApiKey(API_KEY);
 * }</pre>
 * A class that needs other settings passes them: {@code TestHubExtension.configured((postmark, dir) ->
 * TestHub.config(postmark, dir, API_KEY).maxBodyBytes(LIMIT).build())}.
 */
public final class TestHubExtension implements BeforeAllCallback, AfterAllCallback {
    private final BiFunction<FakePostmark, Path, HubConfig> config;
    private FakePostmark postmark;
    private TestHub hub;
    private Path dataDir;

    private TestHubExtension(BiFunction<FakePostmark, Path, HubConfig> config) {
        this.config = requireNonNull(config, "config is null");
    }

    /** The default test settings ({@link TestHub#config}); {@code apiKey} may be null (the hub prints one). */
    public static TestHubExtension withApiKey(String apiKey) {
        return new TestHubExtension((postmark, dir) -> TestHub.config(postmark, dir, apiKey).build());
    }

    public static TestHubExtension configured(BiFunction<FakePostmark, Path, HubConfig> config) {
        return new TestHubExtension(config);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("test-hub");
        postmark = FakePostmark.start();
        try {
            hub = TestHub.start(config.apply(postmark, dataDir));
        } catch (RuntimeException e) {
            postmark.close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            if (postmark != null) {
                postmark.close();
            }
            deleteRecursively(dataDir);
        }
    }

    public TestHub hub() {
        return requireNonNull(hub, "the hub runs from beforeAll on: register the extension on a static field");
    }

    public FakePostmark postmark() {
        return requireNonNull(postmark, "the fake Postmark runs from beforeAll on");
    }

    public HubClient client() {
        return hub().client();
    }

    public <T> T instance(Class<T> type) {
        return hub().instance(type);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
