package org.connectorhub.hub.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.projects.ProjectBootstrap;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the hub serves the page, its assets and embed.js, over real HTTP. */
class HubPageRoutesTest {
    private static FakePostmark postmark;
    private static TestHub hub;
    private static final String apiKey = ApiKeys.newApiKey();

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.withApiKey(apiKey);

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
    }

    @AfterEach
    void noAllowedOrigins() {
        projects().setAllowedOrigins(ProjectBootstrap.DEFAULT_PROJECT_ID, List.of());
    }

    @Test
    void thePageIsServedWithAStrictPolicyAndNoCaching() {
        HubClient.Response page = client().get("/hub?token=" + newSessionToken(), null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        String csp = page.header("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'");
        assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("*");
        assertThat(page.header("Referrer-Policy")).contains("no-referrer");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void thePageHasNoInlineScriptNoInlineStyleAndNothingFromOtherHosts() {
        String token = newSessionToken();
        HubClient.Response page = client().get("/hub?token=" + token, null);

        assertThat(page.body()).doesNotContain(token);
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>").matcher(page.body()).find()).isFalse();
        assertThat(page.body()).doesNotContain("<style").doesNotContain(" style=").doesNotContainPattern("\\son[a-z]+=");
        assertThat(page.body()).doesNotContainPattern("(src|href)=\"(https?:)?//");
        for (String asset : List.of("/hub/assets/app.js", "/hub/assets/app.css")) {
            assertThat(client().get(asset, null).body()).as(asset).doesNotContainPattern("https?://");
        }
    }

    @Test
    void theProjectsAllowedOriginsMayFrameThePageAndReceiveItsMessages() {
        projects().setAllowedOrigins(ProjectBootstrap.DEFAULT_PROJECT_ID,
                List.of("https://app.example.com", "http://127.0.0.1:3000"));

        HubClient.Response page = client().get("/hub?token=" + newSessionToken(), null);

        assertThat(page.header("Content-Security-Policy").orElseThrow())
                .endsWith("frame-ancestors 'self' https://app.example.com http://127.0.0.1:3000");
        assertThat(page.body()).contains(
                "<meta name=\"connector-hub-allowed-origins\" content=\"https://app.example.com http://127.0.0.1:3000\">");
    }

    @Test
    void anUnknownTokenStillGetsThePageButNoOrigins() {
        projects().setAllowedOrigins(ProjectBootstrap.DEFAULT_PROJECT_ID, List.of("https://app.example.com"));

        HubClient.Response page = client().get("/hub?token=chs_not-a-real-token", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy").orElseThrow()).endsWith("frame-ancestors 'self'");
        assertThat(page.body()).contains("<meta name=\"connector-hub-allowed-origins\" content=\"\">");
    }

    @Test
    void anOriginThatIsNotABareOriginNeverReachesTheHeaderOrThePage() {
        projects().setAllowedOrigins(ProjectBootstrap.DEFAULT_PROJECT_ID,
                List.of("https://ok.example.com", "https://evil.example.com; script-src *", "\"><script>"));

        HubClient.Response page = client().get("/hub?token=" + newSessionToken(), null);

        assertThat(page.header("Content-Security-Policy").orElseThrow())
                .endsWith("frame-ancestors 'self' https://ok.example.com");
        assertThat(page.body()).doesNotContain("evil").doesNotContain("\"><script>");
    }

    @Test
    void embedScriptIsJavaScriptThatHostPagesMayLoad() {
        HubClient.Response script = client().get("/hub/embed.js", null);

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(script.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(script.header("Cross-Origin-Resource-Policy")).contains("cross-origin");
        assertThat(script.body()).contains("ConnectorHub", "addEventListener('message'", "event.origin !== hubOrigin")
                .doesNotContain("'*'");
    }

    @Test
    void assetsAreServedWithTheirTypesAndNothingElseIs() {
        assertThat(client().get("/hub/assets/app.js", null).contentType()).startsWith("text/javascript");
        assertThat(client().get("/hub/assets/app.css", null).contentType()).startsWith("text/css");
        assertThat(client().get("/hub/assets/index.html", null).status()).isEqualTo(404);
        assertThat(client().get("/hub/assets/..%2F..%2Flogback.xml", null).status()).isEqualTo(404);
        assertThat(client().get("/hub/assets/nope.js", null).status()).isEqualTo(404);
    }

    @Test
    void thePageRoutesStayOutOfTheApiDocument() {
        HubClient.Response openapi = client().get("/openapi.json", null);

        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().path("paths").has("/hub/api/session")).isTrue();
        assertThat(openapi.json().path("paths").has("/hub")).isFalse();
        assertThat(openapi.json().path("paths").has("/hub/embed.js")).isFalse();
        assertThat(client().get("/hub", null).status()).isEqualTo(200);
    }

    private static String newSessionToken() {
        HubClient.Response created = client().post("/v1/connect_sessions", apiKey,
                Map.of("origin_owner_id", "owner-1", "origin_owner_name", "Ada", "provider", "postmark"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("token").asText();
    }

    private static HubClient client() {
        return hub.client();
    }

    private static ProjectStore projects() {
        return hub.instance(ProjectStore.class);
    }
}
