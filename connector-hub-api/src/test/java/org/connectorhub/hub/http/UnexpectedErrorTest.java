package org.connectorhub.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.Hub;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.HubModules;
import org.connectorhub.testkit.LogCapture;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bug on our side answers 500 as a problem without internals, and the log keeps the message out. */
class UnexpectedErrorTest {
    private static final String INTERNAL = "internal-detail-that-must-not-escape";

    @TempDir
    Path dataDir;

    @Test
    void anUnexpectedExceptionIsA500ProblemWithoutItsMessage() {
        try (FakePostmark postmark = FakePostmark.start(); LogCapture logs = LogCapture.start()) {
            HubConfig config = TestHub.config(postmark, dataDir, ApiKeys.newApiKey()).build();
            Hub hub = Hub.create(Modules.combine(HubModules.server(config, new PrintStream(OutputStream.nullOutputStream())),
                    new AbstractModule() {
                        @Override
                        protected void configure() {
                            Multibinder.newSetBinder(binder(), RouteContributor.class).addBinding().toInstance(
                                    routes -> routes.page("/test/boom", ctx -> {
                                        throw new IllegalStateException(INTERNAL);
                                    }));
                        }
                    })).start();
            try {
                HubClient client = new HubClient("http://127.0.0.1:" + hub.instance(HttpServer.class).port());
                Response response = client.get("/test/boom", null);

                assertThat(response.status()).isEqualTo(500);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.code()).isEqualTo("internal_error");
                assertThat(response.body()).doesNotContain(INTERNAL).doesNotContain("IllegalStateException");
                assertThat(logs.text()).contains("IllegalStateException").doesNotContain(INTERNAL);
            } finally {
                hub.stop();
            }
        }
    }
}
