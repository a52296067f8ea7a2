package org.connectorhub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.page.HeadlessChromium;
import org.connectorhub.hub.projects.ApiKey;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.hub.webhooks.WebhookReceiver;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in headless Chromium against a running hub and the fake Postmark: the
 * issue's "Done when" list, axe-core (WCAG 2.x A and AA) on every page, and the README's screenshots.
 */
class ConsoleBrowserTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final Pattern PRINTED = Pattern.compile("Operator console sign-in link \\(valid 10 minutes, once\\): (\\S+)");
    private static final Path DOCS = Path.of("..", "docs", "screenshots");
    private static final AtomicInteger OWNERS = new AtomicInteger();
    private static final List<String> SECRETS = new ArrayList<>();

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.configured((postmark, dir) -> TestHub.config(postmark, dir, API_KEY)
            // the Webhooks page's receiver is on loopback; a failed attempt is given up at once
            .connector("webhooks", "allow_private", "true").connector("webhooks", "retry_for", "1ms")
            .connector("webhooks", "poll_interval", "50ms").build());

    private static HeadlessChromium browser;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        HeadlessChromium.assumeInstalled();
        browser = HeadlessChromium.start(1280, 900);
        SECRETS.add(API_KEY);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshBrowser() {
        driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.manage().deleteAllCookies();
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @Test
    void thePrintedLinkSignsInOnceAndTheTokenLeavesTheAddressBar() {
        Matcher printed = PRINTED.matcher(running.hub().console());
        assertThat(printed.find()).isTrue();
        String url = printed.group(1).replace("localhost", "127.0.0.1");
        String token = url.substring(url.indexOf("token=") + 6);
        SECRETS.add(token);

        driver.get(url);
        assertThat(wait.until(visibilityOfElementLocated(By.tagName("h1"))).getText()).isEqualTo("Accounts");
        assertThat(driver.getCurrentUrl()).endsWith("/console").doesNotContain(token);
        assertThat(driver.manage().getCookieNamed(ConsoleGuard.COOKIE).isHttpOnly()).isTrue();
        checked("accounts-empty");

        driver.manage().deleteAllCookies();
        driver.get(url);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This sign-in link was already used");
        checked("used-link");
    }

    @Test
    void anExpiredLinkIsRefusedWithAClearPage() {
        String token = "chl_old" + System.nanoTime();
        java.time.Instant past = java.time.Instant.now().minusSeconds(7200);
        running.instance(ConsoleSessionStore.class).insertLink("csl_old" + System.nanoTime(), ApiKeys.hash(token), "default",
                past, past.plusSeconds(600));
        driver.get(running.client().baseUrl() + "/console/sign-in?token=" + token);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This sign-in link has expired");
        assertThat(driver.manage().getCookieNamed(ConsoleGuard.COOKIE)).isNull();
    }

    @Test
    void anAccountLinkedThroughTheApiIsListedFilteredSuspendedAndResumed() {
        FakePostmark.Server server = running.postmark().addServer("Receipts " + OWNERS.incrementAndGet());
        SECRETS.add(server.serverToken());
        String owner = "owner-" + OWNERS.incrementAndGet();
        String accountId = linkThroughApi(owner, "Grace Hopper", server.serverToken());
        signIn();

        open("/console");
        WebElement row = driver.findElement(By.cssSelector("tr[data-account-id='" + accountId + "']"));
        assertThat(row.getText()).contains("Receipts", "Postmark", "Production", "Active", "Grace Hopper", owner);
        assertThat(driver.findElements(By.cssSelector("#accounts thead th[scope=col]"))).extracting(WebElement::getText)
                .containsExactly("Account", "Connector", "Type", "Status", "Owner", "Connected", "Last verified", "Actions");

        row.findElement(By.tagName("summary")).click();
        row.findElement(By.xpath(".//button[text()='Suspend']")).click();
        assertThat(wait.until(visibilityOfElementLocated(By.cssSelector("p.notice"))).getText()).contains("suspended");

        open("/console");
        new Select(driver.findElement(By.id("filter-status"))).selectByVisibleText("Suspended");
        driver.findElement(By.xpath("//button[text()='Apply filters']")).click();
        wait.until(visibilityOfElementLocated(By.id("accounts")));
        assertThat(driver.getCurrentUrl()).contains("status=suspended");
        assertThat(driver.findElements(By.cssSelector("#accounts tbody tr"))).extracting(r -> r.getAttribute("data-account-id"))
                .contains(accountId).allSatisfy(id -> assertThat(running.client().get("/v1/accounts/" + id, API_KEY)
                        .json().path("status").asText()).isEqualTo("suspended"));
        checked("accounts-filtered");

        HubClient.Response refused = sendEmail(accountId);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("account_suspended");

        open("/console/accounts/" + accountId);
        driver.findElement(By.xpath("//button[text()='Resume']")).click();
        assertThat(wait.until(visibilityOfElementLocated(By.cssSelector("p.notice"))).getText()).contains("resumed");
        assertThat(sendEmail(accountId).status()).isEqualTo(200);

        // Edit: the Hub page in re-link mode for this account, token fields empty
        open("/console/accounts/" + accountId);
        driver.findElement(By.xpath("//button[text()='Edit']")).click();
        WebElement token = wait.until(visibilityOfElementLocated(By.id("field-server_token")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Reconnect Postmark");
        assertThat(token.getAttribute("value")).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(server.serverToken());
    }

    @Test
    void requestAuthenticationMakesALinkThatASecondBrowserUsesToLinkAnAccount() {
        String owner = "owner-auth-" + OWNERS.incrementAndGet();
        signIn();
        open("/console/link");
        driver.findElement(By.id("req-owner-id")).sendKeys(owner);
        driver.findElement(By.id("req-owner-name")).sendKeys("Katherine Johnson");
        WebElement days = driver.findElement(By.id("req-days"));
        days.clear();
        days.sendKeys("30");
        screenshot("console-link-account");
        driver.findElement(By.xpath("//button[text()='Create auth link']")).click();
        String link = wait.until(visibilityOfElementLocated(By.id("auth-link-url"))).getAttribute("value");
        assertThat(link).contains("/hub?token=");
        checked("auth-link");

        HeadlessChromium second = HeadlessChromium.start(900, 1200);
        try {
            WebDriver customer = second.driver();
            customer.get(link.replace("localhost", "127.0.0.1"));
            new WebDriverWait(customer, Duration.ofSeconds(15)).until(visibilityOfElementLocated(By.id("field-server_token")))
                    .sendKeys(FakePostmark.TEST_TOKEN);
            customer.findElement(By.id("connect")).click();
            new WebDriverWait(customer, Duration.ofSeconds(15)).until(visibilityOfElementLocated(By.id("confirmation")));
        } finally {
            second.close();
        }

        open("/console?owner=" + owner);
        assertThat(driver.findElements(By.cssSelector("#accounts tbody tr"))).hasSize(1);
        assertThat(driver.findElement(By.cssSelector("#accounts tbody tr")).getText()).contains("Katherine Johnson", "Test");
    }

    @Test
    void authenticateNowLinksAnAccountInsideTheConsole() {
        String owner = "owner-now-" + OWNERS.incrementAndGet();
        signIn();
        open("/console/link");
        driver.findElement(By.id("now-owner-id")).sendKeys(owner);
        driver.findElement(By.id("now-owner-name")).sendKeys("Dorothy Vaughan");
        driver.findElement(By.xpath("//button[text()='Open the Hub form']")).click();
        driver.switchTo().frame("hub-frame");
        wait.until(visibilityOfElementLocated(By.id("field-server_token"))).sendKeys(FakePostmark.TEST_TOKEN);
        driver.findElement(By.id("connect")).click();
        wait.until(visibilityOfElementLocated(By.id("confirmation")));
        driver.switchTo().defaultContent();
        assertThat(driver.getPageSource()).doesNotContain("chs_");

        open("/console?owner=" + owner);
        assertThat(driver.findElement(By.cssSelector("#accounts tbody tr")).getText()).contains("Dorothy Vaughan");
    }

    @Test
    void theRequestTesterSendsAnEmailAndShowsTheMessageIdAndTheNewLogEntry() {
        String owner = "owner-tester-" + OWNERS.incrementAndGet();
        String accountId = linkThroughApi(owner, "Mary Jackson", FakePostmark.TEST_TOKEN);
        signIn();
        open("/console/accounts/" + accountId + "/tester?action=send_email");
        WebElement from = wait.until(visibilityOfElementLocated(By.cssSelector("#generated [data-name=from] input")));
        assertThat(driver.findElement(By.cssSelector("#generated [data-name=from] label")).getText()).contains("(required)");
        from.sendKeys("sender@example.com");
        driver.findElement(By.cssSelector("#generated [data-name=to] input")).sendKeys("receiver@example.com");
        driver.findElement(By.cssSelector("#generated [data-name=subject] input")).sendKeys("Hello from the console");
        driver.findElement(By.cssSelector("#generated [data-name=text_body] input")).sendKeys("It works.");
        assertThat(driver.findElement(By.cssSelector("#generated [data-name=track_links] select")).getTagName()).isEqualTo("select");
        checked("tester-form");
        driver.findElement(By.id("run")).click();

        WebElement answer = wait.until(visibilityOfElementLocated(By.id("result-answer")));
        assertThat(driver.findElement(By.id("result-status")).getText()).startsWith("200");
        assertThat(answer.getText()).contains("\"message_id\"");
        assertThat(driver.findElement(By.id("result-duration")).getText()).endsWith("ms");
        String logId = driver.findElement(By.id("result-log")).getText();
        assertThat(logId).startsWith("log_");
        checked("tester-result");
        screenshot("console-request-tester");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                running.client().get("/v1/logs?account_id=" + accountId, API_KEY).body().contains(logId));
        HubClient.Response logs = running.client().get("/v1/logs?account_id=" + accountId, API_KEY);
        assertThat(logs.json().path("data").get(0).path("caller").path("kind").asText()).isEqualTo("console");
    }

    @Test
    void unlinkAsksNamingTheAccountThenTheAccountIsGone() {
        FakePostmark.Server server = running.postmark().addServer("Newsletters " + OWNERS.incrementAndGet());
        SECRETS.add(server.serverToken());
        String owner = "owner-unlink-" + OWNERS.incrementAndGet();
        String accountId = linkThroughApi(owner, "Alan Turing", server.serverToken());
        signIn();
        open("/console?owner=" + owner);
        WebElement row = driver.findElement(By.cssSelector("tr[data-account-id='" + accountId + "']"));
        row.findElement(By.tagName("summary")).click();
        row.findElement(By.linkText("Unlink")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Unlink " + server.name() + "?");
        checked("unlink-confirm");
        assertThat(running.client().get("/v1/accounts/" + accountId, API_KEY).status()).isEqualTo(200);

        driver.findElement(By.id("confirm-unlink")).click();
        assertThat(wait.until(visibilityOfElementLocated(By.cssSelector("p.notice"))).getText()).contains("unlinked");
        assertThat(driver.findElements(By.cssSelector("tr[data-account-id='" + accountId + "']"))).isEmpty();
        assertThat(running.client().get("/v1/accounts/" + accountId, API_KEY).status()).isEqualTo(404);
    }

    @Test
    void aCrossSiteFormPostIsRefusedAndChangesNothing() {
        String owner = "owner-csrf-" + OWNERS.incrementAndGet();
        String accountId = linkThroughApi(owner, "Eve", FakePostmark.TEST_TOKEN);
        signIn();
        open("/console");
        String attack = "<form id=f method=post action='" + running.client().baseUrl() + "/console/accounts/" + accountId
                + "/suspend'><input name=csrf value=guess></form><script>document.getElementById('f').submit()</script>";
        driver.get("data:text/html," + attack.replace("#", "%23"));
        wait.until(visibilityOfElementLocated(By.tagName("h1")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isIn("Request refused", "Sign in to the console");
        assertThat(running.client().get("/v1/accounts/" + accountId, API_KEY).json().path("status").asText()).isEqualTo("active");
    }

    @Test
    void anApiKeyCreatedInTheConsoleWorksUntilItIsRevokedThere() {
        signIn();
        open("/console/api_keys");
        checked(null);
        driver.findElement(By.id("create-key")).click();
        String key = wait.until(visibilityOfElementLocated(By.id("new-api-key"))).getAttribute("value");
        assertThat(key).startsWith("chk_");
        assertThat(driver.findElement(By.cssSelector("button[data-copy='#new-api-key']")).getText()).isEqualTo("Copy key");
        assertNoViolations();
        assertThat(running.client().get("/v1/api_keys", key).status()).isEqualTo(200);

        SECRETS.add(key);
        open("/console/api_keys");
        checked(null);
        String prefix = ApiKey.prefixOf(key);
        WebElement row = driver.findElement(By.xpath("//table[@id='api-keys']//tr[th/code[starts-with(., '" + prefix + "')]]"));
        String keyId = row.getAttribute("data-key-id");
        assertThat(row.getText()).doesNotContain(key).contains(prefix);
        row.findElement(By.linkText("Revoke")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Revoke the API key " + prefix + "…?");
        checked(null);
        assertThat(running.client().get("/v1/api_keys", key).status()).isEqualTo(200);

        driver.findElement(By.id("confirm-revoke")).click();
        assertThat(wait.until(visibilityOfElementLocated(By.cssSelector("p.notice"))).getText()).contains("revoked");
        assertThat(driver.findElements(By.cssSelector("tr[data-key-id='" + keyId + "']"))).isEmpty();
        assertThat(running.client().get("/v1/api_keys", key).status()).isEqualTo(401);

        // the audit trail names the console session as the actor of both changes
        HubClient.Response trail = running.client().get("/v1/audit?target_id=" + keyId, API_KEY);
        assertThat(trail.json().path("data")).extracting(e -> e.path("type").asText())
                .containsExactlyInAnyOrder("api_key.created", "api_key.revoked");
        assertThat(trail.json().path("data")).extracting(e -> e.path("actor").path("kind").asText()).containsOnly("console");
    }

    @Test
    void theConsoleRefusesToRevokeTheProjectsLastApiKey() {
        String onlyKey = ApiKeys.newApiKey();
        SECRETS.add(onlyKey);
        String projectId = running.instance(ProjectStore.class).create("One key", ApiKeys.hash(onlyKey)).id();
        String url = running.instance(ConsoleSignIn.class).issue(projectId).url();
        SECRETS.add(url.substring(url.indexOf("token=") + 6));
        driver.get(url.replace("localhost", "127.0.0.1"));
        wait.until(visibilityOfElementLocated(By.tagName("h1")));

        open("/console/api_keys");
        assertThat(driver.findElements(By.cssSelector("#api-keys tbody tr"))).hasSize(1);
        WebElement row = driver.findElement(By.cssSelector("#api-keys tbody tr"));
        // made with the project, before prefixes were kept: the key is named by its id
        String keyId = row.getAttribute("data-key-id");
        row.findElement(By.linkText("Revoke")).click();
        driver.findElement(By.id("confirm-revoke")).click();
        WebElement refusal = wait.until(visibilityOfElementLocated(By.id("last-key")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This is the project's last API key");
        assertThat(refusal.getText()).contains(keyId, "Create another key first");
        checked(null);
        assertThat(running.client().get("/v1/api_keys", onlyKey).status()).isEqualTo(200);
    }

    @Test
    void aWebhookEndpointIsCreatedItsFailedDeliveryRedeliveredAndTheEndpointDeleted() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.failNext(500, 1);
            signIn();
            open("/console/webhooks");
            driver.findElement(By.cssSelector("details.create summary")).click();
            checked(null);
            driver.findElement(By.id("wh-url")).sendKeys(receiver.url());
            driver.findElement(By.id("wh-description")).sendKeys("Console test");
            driver.findElement(By.id("wh-event-account-created")).click();
            driver.findElement(By.id("create-endpoint")).click();
            String secret = wait.until(visibilityOfElementLocated(By.id("new-webhook-secret"))).getAttribute("value");
            assertThat(secret).startsWith("whsec_");
            assertNoViolations();
            SECRETS.add(secret);
            String endpointId = StreamSupport.stream(running.client().get("/v1/webhooks", API_KEY).json().path("data")
                    .spliterator(), false).filter(e -> e.path("url").asText().equals(receiver.url()))
                    .map(e -> e.path("id").asText()).findFirst().orElseThrow();

            String accountId = linkThroughApi("owner-webhook-" + OWNERS.incrementAndGet(), "Radia Perlman",
                    FakePostmark.TEST_TOKEN);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> running.client()
                    .get("/v1/webhooks/" + endpointId + "/deliveries", API_KEY).json().path("data").path(0)
                    .path("outcome").asText().equals("failed"));
            assertThat(receiver.accepted()).isEmpty();

            open("/console/webhooks");
            WebElement section = driver.findElement(By.cssSelector("section[data-endpoint-id='" + endpointId + "']"));
            assertThat(section.getText()).contains(receiver.url(), "Console test", "account.created");
            assertThat(section.findElements(By.cssSelector("li[data-event-id]"))).hasSize(1);
            checked(null);
            section.findElement(By.xpath(".//button[text()='Redeliver']")).click();
            assertThat(wait.until(visibilityOfElementLocated(By.cssSelector("p.notice"))).getText()).contains("queued again");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.acceptedTypes(accountId).contains("account.created"));
            open("/console/webhooks");
            assertThat(driver.findElements(By.cssSelector("section[data-endpoint-id='" + endpointId + "'] li[data-event-id]")))
                    .isEmpty();

            driver.findElement(By.cssSelector("section[data-endpoint-id='" + endpointId + "']")).findElement(By.linkText("Delete"))
                    .click();
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Delete the endpoint " + receiver.url() + "?");
            checked(null);
            driver.findElement(By.id("confirm-delete")).click();
            assertThat(wait.until(visibilityOfElementLocated(By.cssSelector("p.notice"))).getText()).contains("deleted");
            assertThat(running.client().get("/v1/webhooks", API_KEY).body()).doesNotContain(endpointId);
        }
    }

    @Test
    void theApiKeysAndWebhooksFormsRefuseAPostWithoutTheTokenOrFromAnotherSite() {
        String cookie = signIn();
        SECRETS.add(cookie);
        open("/console/api_keys");
        String csrf = driver.findElement(By.cssSelector("form input[name=csrf]")).getAttribute("value");
        String keysBefore = running.client().get("/v1/api_keys", API_KEY).json().path("data").toString();
        String endpointsBefore = running.client().get("/v1/webhooks", API_KEY).json().path("data").toString();
        String keyId = running.client().get("/v1/api_keys", API_KEY).json().path("data").path(0).path("id").asText();
        String url = "url=" + ConsoleRoutes.encode("https://93.184.215.14/hooks");
        for (String[] post : List.of(new String[] {"/console/api_keys", ""}, new String[] {"/console/api_keys/" + keyId + "/revoke", ""},
                new String[] {"/console/webhooks", url})) {
            // no token; the token but a cross-site fetch; the token but a foreign Origin
            assertThat(consolePost(post[0], cookie, post[1], Map.of()).status()).as(post[0]).isEqualTo(403);
            assertThat(consolePost(post[0], cookie, post[1] + "&csrf=" + csrf, Map.of("Sec-Fetch-Site", "cross-site")).status())
                    .as(post[0]).isEqualTo(403);
            assertThat(consolePost(post[0], cookie, post[1] + "&csrf=" + csrf, Map.of("Origin", "https://evil.example")).status())
                    .as(post[0]).isEqualTo(403);
        }
        assertThat(running.client().get("/v1/api_keys", API_KEY).json().path("data").toString()).isEqualTo(keysBefore);
        assertThat(running.client().get("/v1/webhooks", API_KEY).json().path("data").toString()).isEqualTo(endpointsBefore);
    }

    private static HubClient.Response consolePost(String path, String cookie, String form, Map<String, String> headers) {
        java.net.http.HttpRequest.Builder request = running.client().request(path, null)
                .header("Cookie", ConsoleGuard.COOKIE + "=" + cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(request::header);
        return running.client().send(request.build());
    }

    @Test
    void everyPageIsAccessibleAtBothWidthsAndNoTokenIsInAnyPage() {
        FakePostmark.Server server = running.postmark().addServer("Billing " + OWNERS.incrementAndGet());
        SECRETS.add(server.serverToken());
        String owner = "owner-pages-" + OWNERS.incrementAndGet();
        String accountId = linkThroughApi(owner, "Hedy Lamarr", server.serverToken());
        sendEmail(accountId);
        String cookie = signIn();
        SECRETS.add(cookie);
        for (String path : List.of("/console", "/console/accounts/" + accountId, "/console/accounts/" + accountId + "/tester",
                "/console/accounts/" + accountId + "/tester?action=send_email", "/console/accounts/" + accountId + "/unlink",
                "/console/link", "/console/logs", "/console/audit", "/console/webhooks", "/console/api_keys")) {
            open(path);
            checked(null);
        }
        open("/console");
        screenshot("console-accounts");
        open("/console/accounts/" + accountId);
        screenshot("console-account");
        driver.manage().window().setSize(new Dimension(390, 844));
        for (String path : List.of("/console", "/console/accounts/" + accountId)) {
            open(path);
            checked(null);
            Long scroll = (Long) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(scroll).as("sideways scrolling on " + path).isLessThanOrEqualTo(0L);
        }
        open("/console");
        screenshot("console-accounts-phone");
    }

    @Test
    void theHubPageHasNoAccessibilityViolationsEither() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("origin_owner_id", "owner-hub-" + OWNERS.incrementAndGet());
        body.put("origin_owner_name", "Ada Lovelace");
        body.put("provider", "postmark");
        String token = running.client().post("/v1/connect_sessions", API_KEY, body).json().path("token").asText();
        driver.get(running.client().baseUrl() + "/hub?token=" + token);
        wait.until(visibilityOfElementLocated(By.id("field-server_token")));
        assertNoViolations();
    }

    // ------------------------------------------------------------------------------------------

    /** Signs in through the API's one-time link; returns the cookie's value. */
    private String signIn() {
        String url = running.client().post("/v1/console/sign_in_links", API_KEY, Map.of()).json().path("url").asText();
        SECRETS.add(url.substring(url.indexOf("token=") + 6));
        driver.get(url.replace("localhost", "127.0.0.1"));
        wait.until(visibilityOfElementLocated(By.tagName("h1")));
        return driver.manage().getCookieNamed(ConsoleGuard.COOKIE).getValue();
    }

    private void open(String path) {
        driver.get(running.client().baseUrl() + path);
        wait.until(visibilityOfElementLocated(By.tagName("h1")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isNotIn("Sign in to the console", "Request refused");
    }

    /** The page has no WCAG 2.x A/AA violation and holds none of the secrets used so far. */
    private void checked(String screenshot) {
        String html = driver.getPageSource();
        for (String secret : SECRETS) {
            assertThat(html).as("page " + driver.getCurrentUrl()).doesNotContain(secret);
        }
        assertNoViolations();
        if (screenshot != null) {
            browser.screenshot("console-" + screenshot);
        }
    }

    private void assertNoViolations() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(driver);
        List<String> violations = results.getViolations().stream()
                .map(rule -> rule.getId() + ": " + rule.getHelp() + " " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).toList())
                .toList();
        assertThat(violations).as("axe on " + driver.getCurrentUrl()).isEmpty();
    }

    /** Saves the viewport as docs/screenshots/NAME.png for the README (and under target/). */
    private void screenshot(String name) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
        Path shot = browser.screenshot(name);
        try {
            Files.createDirectories(DOCS);
            Files.copy(shot, DOCS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String linkThroughApi(String owner, String ownerName, String serverToken) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("provider", "postmark");
        link.put("origin_owner_id", owner);
        link.put("origin_owner_name", ownerName);
        link.put("credentials", Map.of("server_token", serverToken));
        HubClient.Response account = running.client().post("/v1/accounts", API_KEY, link);
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        return account.json().path("id").asText();
    }

    private static HubClient.Response sendEmail(String accountId) {
        return running.client().post("/v1/accounts/" + accountId + "/actions/send_email", API_KEY, Map.of(
                "from", "sender@example.com", "to", "receiver@example.com", "subject", "Hi", "text_body", "Hello"));
    }
}
