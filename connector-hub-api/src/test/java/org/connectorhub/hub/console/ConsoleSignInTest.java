package org.connectorhub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-in links, console sessions and the cross-site checks, over HTTP against a running hub. */
class ConsoleSignInTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final Pattern LINK = Pattern.compile("Operator console sign-in link \\(valid 10 minutes, once\\): (\\S+)");

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.withApiKey(API_KEY);

    @Test
    void theFirstStartPrintsASignInLinkThatOpensTheConsoleOnce() {
        Matcher printed = LINK.matcher(running.hub().console());
        assertThat(printed.find()).as(running.hub().console()).isTrue();
        String url = printed.group(1);
        assertThat(url).startsWith("http://localhost:").contains("/console/sign-in?token=");

        HubClient.Response first = get(pathOf(url), null);
        assertThat(first.status()).isEqualTo(303);
        assertThat(first.header("Location")).contains("/console");
        String cookie = first.header("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(ConsoleGuard.COOKIE + "=chc_").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure");

        HubClient.Response again = get(pathOf(url), null);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("This sign-in link was already used").doesNotContain(tokenOf(url));
    }

    @Test
    void theApiGivesASignInLinkForTheKeysProjectAndNothingWithoutAKey() {
        HubClient.Response refused = running.client().post("/v1/console/sign_in_links", null, Map.of());
        assertThat(refused.status()).isEqualTo(401);

        HubClient.Response created = running.client().post("/v1/console/sign_in_links", API_KEY, Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String url = created.json().path("url").asText();
        assertThat(Instant.parse(created.json().path("expires_at").asText()))
                .isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(601));
        String cookie = signIn(url);

        HubClient.Response page = get("/console", cookie);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("<h1>Accounts</h1>").doesNotContain(tokenOf(url))
                .doesNotContain(cookie.substring(cookie.indexOf('=') + 1));
    }

    @Test
    void anExpiredOrUnknownLinkGetsAClearPageAndNoCookie() {
        String token = "chl_expired" + System.nanoTime();
        Instant past = Instant.now().minusSeconds(3600);
        running.instance(ConsoleSessionStore.class).insertLink("csl_expired" + System.nanoTime(), ApiKeys.hash(token),
                "default", past, past.plusSeconds(600));
        HubClient.Response expired = get("/console/sign-in?token=" + token, null);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("This sign-in link has expired");
        assertThat(expired.header("Set-Cookie")).isEmpty();

        HubClient.Response unknown = get("/console/sign-in?token=chl_nothing", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("This sign-in link is not valid");
    }

    @Test
    void withoutASessionTheConsoleAsksToSignIn() {
        HubClient.Response page = get("/console", null);
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.body()).contains("Sign in to the console").contains("bin/hub console link");
        assertThat(get("/console", ConsoleGuard.COOKIE + "=chc_forged").status()).isEqualTo(401);
    }

    @Test
    void theRootSendsBrowsersToTheConsoleAndApiClientsGetJson() {
        HubClient.Response browser = running.client().send(running.client().request("/", null)
                .header("Accept", "text/html,application/xhtml+xml").GET().build());
        assertThat(browser.status()).isEqualTo(303);
        assertThat(browser.header("Location")).contains("/console");
        HubClient.Response api = running.client().get("/", null);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aCrossSitePostOrOneWithoutTheCsrfTokenIsRefusedAndTheSessionLives() {
        String cookie = signIn(newLink());
        String csrf = csrfOf(get("/console", cookie).body());

        assertThat(post("/console/sign-out", cookie, "csrf=" + csrf, Map.of("Sec-Fetch-Site", "cross-site")).status())
                .isEqualTo(403);
        assertThat(post("/console/sign-out", cookie, "csrf=" + csrf, Map.of("Origin", "https://evil.example")).status())
                .isEqualTo(403);
        assertThat(post("/console/sign-out", cookie, "", Map.of()).status()).isEqualTo(403);
        assertThat(post("/console/sign-out", cookie, "csrf=wrong", Map.of()).status()).isEqualTo(403);
        assertThat(get("/console", cookie).status()).isEqualTo(200);

        HubClient.Response out = post("/console/sign-out", cookie, "csrf=" + csrf,
                Map.of("Sec-Fetch-Site", "same-origin", "Origin", running.client().baseUrl()));
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.body()).contains("Signed out");
        assertThat(out.header("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(get("/console", cookie).status()).isEqualTo(401);
    }

    @Test
    void anAuthLinkSessionMayLiveThirtyDaysAndIsAnsweredAsAnAuthLinkUrl() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("origin_owner_id", "u-auth-link");
        body.put("origin_owner_name", "Ada Lovelace");
        body.put("provider", "postmark");
        body.put("expires_in", 2_592_000);
        HubClient.Response plain = running.client().post("/v1/connect_sessions", API_KEY, body);
        assertThat(plain.status()).isEqualTo(422);
        assertThat(plain.code()).isEqualTo("invalid_input");

        body.put("auth_link", true);
        HubClient.Response link = running.client().post("/v1/connect_sessions", API_KEY, body);
        assertThat(link.status()).as(link.toString()).isEqualTo(201);
        assertThat(link.json().path("auth_link_url").asText()).isEqualTo(link.json().path("hub_url").asText())
                .contains("/hub?token=");

        body.put("expires_in", 2_592_001);
        assertThat(running.client().post("/v1/connect_sessions", API_KEY, body).status()).isEqualTo(422);
    }

    // ------------------------------------------------------------------------------------------

    private static String newLink() {
        return running.client().post("/v1/console/sign_in_links", API_KEY, Map.of()).json().path("url").asText();
    }

    /** Signs in with the link; returns the {@code name=value} of the session cookie. */
    static String signIn(String url) {
        HubClient.Response response = get(pathOf(url), null);
        assertThat(response.status()).as(response.toString()).isEqualTo(303);
        String header = response.header("Set-Cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    static String csrfOf(String html) {
        Matcher matcher = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String tokenOf(String url) {
        return url.substring(url.indexOf("token=") + 6);
    }

    private static HubClient.Response get(String path, String cookie) {
        HttpRequest.Builder request = running.client().request(path, null).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return running.client().send(request.build());
    }

    private static HubClient.Response post(String path, String cookie, String form, Map<String, String> headers) {
        HttpRequest.Builder request = running.client().request(path, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        request.header("Cookie", cookie);
        headers.forEach(request::header);
        return running.client().send(request.build());
    }
}
