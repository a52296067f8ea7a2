package org.connectorhub.hub.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfWindowsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.projects.ProjectBootstrap;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.testkit.LogCapture;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Hub page in a real browser (headless Chromium) against a real hub on loopback, which
 * verifies against the fake Postmark over HTTP. Every state the user can reach is saved as a
 * screenshot under {@code target/screenshots/}.
 */
class HubPageBrowserTest {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 1400;
    private static final AtomicInteger OWNERS = new AtomicInteger();

    @TempDir
    static Path dataDir;

    private static FakePostmark postmark;
    private static TestHub hub;
    private static String apiKey;
    private static HeadlessChromium browser;
    private static HostPage host;

    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void startEverything() {
        HeadlessChromium.assumeInstalled();
        postmark = FakePostmark.start();
        apiKey = ApiKeys.newApiKey();
        hub = TestHub.start(postmark, dataDir, apiKey);
        browser = HeadlessChromium.start(WIDTH, HEIGHT);
        host = HostPage.start(hub.client().baseUrl());
    }

    @AfterAll
    static void stopEverything() {
        if (host != null) {
            host.close();
        }
        if (browser != null) {
            browser.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (postmark != null) {
            postmark.close();
        }
    }

    @BeforeEach
    void freshPage() {
        driver = browser.driver();
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        driver.manage().deleteAllCookies();
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        postmark.http().faults().clear();
    }

    @AfterEach
    void noFaultsLeft() {
        postmark.http().faults().clear();
        hub.instance(ProjectStore.class).setAllowedOrigins(ProjectBootstrap.DEFAULT_PROJECT_ID, List.of());
    }

    @Test
    void linkingWithTheTestTokenConfirmsATestAccountAndListsItOnTheAccountsPage() {
        String token = newSession(Map.of());
        open(token);
        WebElement serverToken = wait.until(visibilityOfElementLocated(By.id("field-server_token")));
        assertThat(driver.getCurrentUrl()).doesNotContain(token).doesNotContain("token=");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Connect Postmark");
        browser.screenshot("1-form");

        serverToken.sendKeys(FakePostmark.TEST_TOKEN);
        driver.findElement(By.id("connect")).click();

        WebElement dialog = wait.until(visibilityOfElementLocated(By.id("confirmation")));
        assertThat(dialog.getText()).contains("Postmark is connected").contains("Test account")
                .contains("never delivers");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-done");
        assertThat(driver.findElements(By.cssSelector("input[data-secret]"))).isEmpty();
        browser.screenshot("1-confirmation");

        driver.findElement(By.id("confirm-done")).click();
        WebElement accounts = wait.until(visibilityOfElementLocated(By.id("accounts")));
        List<WebElement> items = accounts.findElements(By.cssSelector("li.account"));
        assertThat(items).hasSize(1);
        assertThat(items.get(0).findElement(By.className("account-mode")).getText()).isEqualTo("Test account");
        assertThat(items.get(0).findElement(By.className("account-status")).getText()).isEqualTo("Active");
        assertThat(items.get(0).findElement(By.className("account-provider")).getText()).startsWith("Postmark");
        assertThat(items.get(0).findElement(By.className("account-scopes")).getText()).contains("server");
        browser.screenshot("1-accounts");
    }

    @Test
    void eachAccountShowsItsLastUseAndRecentActivityAndUnlinksOnlyAfterAConfirmation() {
        String owner = "owner-activity-" + OWNERS.incrementAndGet();
        HubClient api = hub.client();
        // another owner's account, busy: none of its activity may show up on this owner's page
        String otherToken = postmark.addServer("Other owner").serverToken();
        String otherAccount = api.post("/v1/accounts", apiKey, Map.of("provider", "postmark", "origin_owner_id",
                owner + "-other", "credentials", Map.of("server_token", otherToken))).json().path("id").asText();
        String otherMessageId = sendEmail(otherAccount).json().path("data").path("message_id").asText();

        String token = newSessionFor(Map.of("origin_owner_id", owner, "origin_owner_name", "Ada Lovelace",
                "provider", "postmark"));
        open(token);
        wait.until(visibilityOfElementLocated(By.id("field-server_token"))).sendKeys(FakePostmark.TEST_TOKEN);
        driver.findElement(By.id("connect")).click();
        wait.until(visibilityOfElementLocated(By.id("confirmation")));
        String accountId = api.get("/v1/accounts?origin_owner_id=" + owner, apiKey).json().path("data").get(0)
                .path("id").asText();
        String messageId = sendEmail(accountId).json().path("data").path("message_id").asText();
        Map<String, Object> invalid = new LinkedHashMap<>();
        invalid.put("from", "sender@example.com");
        assertThat(api.post("/v1/accounts/" + accountId + "/actions/send_email", apiKey, invalid).status()).isEqualTo(422);
        waitForLogEntries(accountId, 2);

        driver.findElement(By.id("confirm-done")).click();
        WebElement item = wait.until(visibilityOfElementLocated(By.cssSelector("li.account[data-account-id='" + accountId + "']")));
        wait.until(d -> item.findElements(By.cssSelector(".activity-entry")).size() == 2);
        assertThat(item.findElement(By.className("account-last-used")).getText()).isNotBlank().isNotEqualTo("Never");
        List<WebElement> entries = item.findElements(By.cssSelector(".activity-entry"));
        assertThat(entries.get(0).getText()).contains("send_email").contains("Failed").contains("invalid_input");
        assertThat(entries.get(1).getText()).contains("send_email").contains("Worked").contains(messageId);
        assertThat(driver.getPageSource()).doesNotContain(otherMessageId).doesNotContain(otherAccount)
                .doesNotContain(otherToken);
        browser.screenshot("activity-accounts");

        // Unlink asks first; the safe choice has the focus and Escape changes nothing
        item.findElement(By.cssSelector("button.unlink")).click();
        WebElement dialog = wait.until(visibilityOfElementLocated(By.id("unlink-dialog")));
        assertThat(dialog.getTagName()).isEqualTo("dialog");
        assertThat(dialog.getAttribute("aria-labelledby")).isEqualTo("unlink-title");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("unlink-cancel");
        assertThat(driver.findElement(By.id("unlink-confirm")).getText()).startsWith("Unlink");
        browser.screenshot("activity-unlink-dialog");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(d -> d.findElements(By.id("unlink-dialog")).isEmpty());
        assertThat(api.get("/v1/accounts/" + accountId, apiKey).status()).isEqualTo(200);

        // by keyboard: focus the button, Enter opens, Tab to confirm, Enter unlinks
        WebElement unlink = driver.findElement(By.cssSelector("li.account[data-account-id='" + accountId + "'] button.unlink"));
        unlink.sendKeys(Keys.ENTER);
        wait.until(visibilityOfElementLocated(By.id("unlink-dialog")));
        tabUntil("unlink-confirm", 3).sendKeys(Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("li.account[data-account-id='" + accountId + "']")).isEmpty());
        assertThat(api.get("/v1/accounts/" + accountId, apiKey).status()).isEqualTo(404);
        assertThat(api.get("/v1/accounts/" + otherAccount, apiKey).status()).isEqualTo(200);
    }

    private static HubClient.Response sendEmail(String accountId) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", "sender@example.com");
        input.put("to", "receiver@example.com");
        input.put("subject", "Hello");
        input.put("text_body", "Hi");
        HubClient.Response sent = hub.client().post("/v1/accounts/" + accountId + "/actions/send_email", apiKey, input);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return sent;
    }

    private static void waitForLogEntries(String accountId, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> hub.client()
                .get("/v1/logs?account_id=" + accountId, apiKey).json().path("data").size() >= count);
    }

    @Test
    void aRejectedAccountTokenIsShownUnderThatFieldOnlyAndTheServerTokenIsKept() {
        FakePostmark.Server server = postmark.addServer("Transactional");
        String wrongAccountToken = UUID.randomUUID().toString();
        String token = newSession(Map.of());
        LogCapture logs = LogCapture.start();
        open(token);
        WebElement serverToken = wait.until(visibilityOfElementLocated(By.id("field-server_token")));
        serverToken.sendKeys(server.serverToken());
        WebElement accountToken = driver.findElement(By.id("field-account_token"));
        accountToken.sendKeys(wrongAccountToken);
        driver.findElement(By.id("connect")).click();

        WebElement error = wait.until(visibilityOfElementLocated(By.id("field-account_token-error")));
        assertThat(error.getText()).isNotBlank();
        assertThat(driver.findElement(By.id("field-server_token-error")).isDisplayed()).isFalse();
        assertThat(serverToken.getAttribute("value")).isEqualTo(server.serverToken());
        assertThat(accountToken.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(accountToken.getAttribute("aria-describedby")).contains("field-account_token-error");
        assertThat(serverToken.getAttribute("aria-invalid")).isNull();
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("field-account_token");
        assertThat(driver.findElements(By.id("confirmation"))).isEmpty();
        assertThat(driver.findElement(By.id("connect")).isEnabled()).isTrue();
        browser.screenshot("2-account-token-rejected");

        logs.close();
        assertThat(logs.text()).contains("GET /hub ", "POST /hub/api/accounts 422")
                .doesNotContain(token).doesNotContain(server.serverToken()).doesNotContain(wrongAccountToken);
    }

    @Test
    void aProviderOutageShowsABannerBlamingPostmarkAndRetrySucceeds() {
        FakePostmark.Server server = postmark.addServer("Newsletters");
        String token = newSession(Map.of());
        open(token);
        WebElement serverToken = wait.until(visibilityOfElementLocated(By.id("field-server_token")));
        serverToken.sendKeys(server.serverToken());
        postmark.http().faults().add(Fault.unavailable(Duration.ofSeconds(30)));
        driver.findElement(By.id("connect")).click();

        WebElement banner = wait.until(visibilityOfElementLocated(By.id("outage-banner")));
        assertThat(banner.getText()).contains("Postmark is not responding").contains("not with your tokens");
        assertThat(driver.findElement(By.id("field-server_token-error")).isDisplayed()).isFalse();
        assertThat(serverToken.getAttribute("value")).isEqualTo(server.serverToken());
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("retry");
        browser.screenshot("3-provider-unavailable");

        postmark.http().faults().clear();
        driver.findElement(By.id("retry")).click();

        WebElement dialog = wait.until(visibilityOfElementLocated(By.id("confirmation")));
        assertThat(driver.findElement(By.id("confirmation-server")).getText()).isEqualTo("Newsletters");
        assertThat(dialog.getText()).contains("Live").doesNotContain("Test account");
        assertThat(driver.getPageSource()).doesNotContain(server.serverToken());
        assertThat((Boolean) js("return Array.from(document.querySelectorAll('input'))"
                + ".some(function (i) { return i.value === arguments[0]; });", server.serverToken())).isFalse();
        browser.screenshot("3-retry-succeeded");
    }

    @Test
    void connectIsDisabledAndShowsProgressWhileTheTokensAreChecked() {
        FakePostmark.Server server = postmark.addServer("Alerts");
        String token = newSession(Map.of());
        open(token);
        wait.until(visibilityOfElementLocated(By.id("field-server_token"))).sendKeys(server.serverToken());
        // Record every state the button goes through, so no timing decides what the test sees.
        js("window.buttonStates = [];"
                + "new MutationObserver(function () {"
                + "  var b = document.getElementById('connect'); var f = document.getElementById('connect-form');"
                + "  if (b) { window.buttonStates.push(b.disabled + '|' + b.textContent + '|' + f.getAttribute('aria-busy')"
                + "    + '|' + !b.querySelector('.spinner').hidden); }"
                + "}).observe(document.getElementById('view'), {subtree: true, attributes: true, childList: true, characterData: true});");

        postmark.http().clearRequests();
        driver.findElement(By.id("connect")).click();
        wait.until(visibilityOfElementLocated(By.id("confirmation")));

        @SuppressWarnings("unchecked")
        List<String> states = (List<String>) js("return window.buttonStates;");
        assertThat(states).contains("true|Checking with Postmark\u2026|true|true");
        assertThat(postmark.http().requests("GET", "/server")).hasSize(1);
    }

    @Test
    void anExpiredSessionShowsTheExpiredPageWithoutAForm() {
        Map<String, Object> shortLived = new LinkedHashMap<>();
        shortLived.put("expires_in", 1);
        String token = newSession(shortLived);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> hub.client().get("/hub/api/session", token).status() == 401);

        open(token);
        wait.until(attributeToBe(By.tagName("body"), "data-view", "expired"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This link has expired");
        assertThat(driver.findElements(By.tagName("form"))).isEmpty();
        assertThat(driver.findElements(By.tagName("input"))).isEmpty();
        assertThat(driver.getCurrentUrl()).doesNotContain(token);
        browser.screenshot("4-expired");
    }

    @Test
    void aSessionThatAlreadyLinkedAnAccountShowsTheUsedPageWithoutAForm() {
        String token = newSession(Map.of());
        HubClient.Response linked = hub.client().post("/hub/api/accounts", token,
                Map.of("provider", "postmark", "credentials", Map.of("server_token", FakePostmark.TEST_TOKEN)));
        assertThat(linked.status()).isEqualTo(201);

        open(token);
        wait.until(attributeToBe(By.tagName("body"), "data-view", "expired"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This link was already used");
        assertThat(driver.findElements(By.tagName("input"))).isEmpty();
        browser.screenshot("5-used");
    }

    @Test
    void theFormWorksFromTheKeyboardAndTheShowToggleRevealsTheToken() {
        String token = newSession(Map.of());
        open(token);
        wait.until(visibilityOfElementLocated(By.id("field-server_token")));
        // Start at the top of the page and move with Tab only.
        js("document.activeElement.blur();");
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement focused = tabUntil("field-server_token", 10);
        focused.sendKeys("POSTMARK_API_TEST");
        focused.sendKeys(Keys.TAB);
        WebElement toggle = driver.switchTo().activeElement();
        assertThat(toggle.getAttribute("data-toggle-for")).isEqualTo("server_token");
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
        toggle.sendKeys(Keys.SPACE);
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(driver.findElement(By.id("field-server_token")).getAttribute("type")).isEqualTo("text");
        toggle.sendKeys(Keys.SPACE);
        assertThat(driver.findElement(By.id("field-server_token")).getAttribute("type")).isEqualTo("password");

        WebElement connect = tabUntil("connect", 12);
        connect.sendKeys(Keys.ENTER);
        wait.until(visibilityOfElementLocated(By.id("confirmation")));
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(visibilityOfElementLocated(By.id("accounts")));
    }

    @Test
    void theFormIsBuiltFromTheDescriptorAndLabelsEveryInput() {
        String token = newSession(Map.of());
        open(token);
        wait.until(visibilityOfElementLocated(By.id("field-server_token")));
        List<WebElement> steps = driver.findElements(By.cssSelector("li.step"));
        assertThat(steps).extracting(step -> step.getAttribute("data-field")).containsExactly("server_token", "account_token");
        for (WebElement input : driver.findElements(By.cssSelector("input"))) {
            String id = input.getAttribute("id");
            assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']"))).as("label for " + id).hasSize(1);
            assertThat(input.getAttribute("autocomplete")).isEqualTo("off");
        }
        WebElement optional = steps.get(1);
        assertThat(optional.getText()).contains("OPTIONAL").contains("Only needed to manage servers");
        assertThat(driver.findElement(By.id("field-account_token")).getAttribute("type")).isEqualTo("password");
        assertThat(driver.findElement(By.id("field-account_token")).getAttribute("aria-describedby"))
                .contains("field-account_token-help").contains("field-account_token-unlocks");
        assertThat(driver.findElement(By.id("announcer")).getAttribute("aria-live")).isEqualTo("polite");
    }

    @Test
    void thePageIsReadableOnAPhoneWithoutSidewaysScrolling() {
        driver.manage().window().setSize(new Dimension(375, 812));
        String token = newSession(Map.of());
        open(token);
        wait.until(visibilityOfElementLocated(By.id("field-server_token")));
        long viewport = ((Number) js("return document.documentElement.clientWidth;")).longValue();
        long content = ((Number) js("return document.documentElement.scrollWidth;")).longValue();
        assertThat(viewport).isLessThanOrEqualTo(375);
        assertThat(content).isLessThanOrEqualTo(viewport);
        browser.screenshot("6-form-phone");
    }

    @Test
    void anEmbeddingPageOfAnAllowedOriginGetsTheLinkedAccountThroughPostMessage() {
        hub.instance(ProjectStore.class).setAllowedOrigins(ProjectBootstrap.DEFAULT_PROJECT_ID, List.of(host.origin()));
        String token = newSession(Map.of());
        driver.get(host.url(hub.client().baseUrl() + "/hub?token=" + token, "iframe"));

        WebElement frame = wait.until(visibilityOfElementLocated(By.cssSelector("#hub iframe")));
        driver.switchTo().frame(frame);
        wait.until(visibilityOfElementLocated(By.id("field-server_token"))).sendKeys(FakePostmark.TEST_TOKEN);
        driver.findElement(By.id("connect")).click();
        wait.until(visibilityOfElementLocated(By.id("confirmation")));
        driver.switchTo().defaultContent();

        wait.until(textToBePresentInElementLocated(By.id("events"), "success"));
        assertThat(driver.findElement(By.id("events")).getText())
                .contains("\"type\":\"success\"", "\"provider\":\"postmark\"", "\"mode\":\"test\"")
                .doesNotContain(FakePostmark.TEST_TOKEN);
        browser.screenshot("7-embedded-iframe");
    }

    @Test
    void aPopupOpenedByEmbedJsReportsSuccessAndThenItsClosing() {
        hub.instance(ProjectStore.class).setAllowedOrigins(ProjectBootstrap.DEFAULT_PROJECT_ID, List.of(host.origin()));
        String token = newSession(Map.of());
        driver.get(host.url(hub.client().baseUrl() + "/hub?token=" + token, "popup"));
        String hostWindow = driver.getWindowHandle();

        wait.until(visibilityOfElementLocated(By.id("open"))).click();
        wait.until(numberOfWindowsToBe(2));
        String popup = driver.getWindowHandles().stream().filter(h -> !h.equals(hostWindow)).findFirst().orElseThrow();
        driver.switchTo().window(popup);
        wait.until(visibilityOfElementLocated(By.id("field-server_token"))).sendKeys(FakePostmark.TEST_TOKEN);
        driver.findElement(By.id("connect")).click();
        wait.until(visibilityOfElementLocated(By.id("confirm-done"))).click();
        wait.until(visibilityOfElementLocated(By.id("accounts")));
        driver.findElement(By.cssSelector(".actions button")).click();

        wait.until(numberOfWindowsToBe(1));
        driver.switchTo().window(hostWindow);
        wait.until(textToBePresentInElementLocated(By.id("events"), "close"));
        assertThat(driver.findElement(By.id("events")).getText())
                .isEqualTo("{\"type\":\"success\",\"provider\":\"postmark\",\"mode\":\"test\"} close");
    }

    @Test
    void cancellingInsideTheEmbeddedPageTellsTheHostAndRemovesTheFrame() {
        hub.instance(ProjectStore.class).setAllowedOrigins(ProjectBootstrap.DEFAULT_PROJECT_ID, List.of(host.origin()));
        String token = newSession(Map.of());
        driver.get(host.url(hub.client().baseUrl() + "/hub?token=" + token, "iframe"));

        driver.switchTo().frame(wait.until(visibilityOfElementLocated(By.cssSelector("#hub iframe"))));
        wait.until(visibilityOfElementLocated(By.cssSelector("[data-action=cancel]"))).click();
        driver.switchTo().defaultContent();

        wait.until(textToBePresentInElementLocated(By.id("events"), "close"));
        assertThat(driver.findElement(By.id("events")).getText()).isEqualTo("cancel close");
        assertThat(driver.findElements(By.cssSelector("#hub iframe"))).isEmpty();
    }

    @Test
    void aSessionWithoutAProviderStartsWithThePickerThatLeadsToTheForm() {
        Map<String, Object> anyProvider = new LinkedHashMap<>();
        anyProvider.put("provider", null);
        String token = newSession(anyProvider);
        open(token);

        WebElement choice = wait.until(visibilityOfElementLocated(By.cssSelector("button[data-provider=postmark]")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Choose a service to connect");
        assertThat(driver.findElements(By.tagName("input"))).isEmpty();
        assertThat(choice.getText()).contains("Postmark");
        browser.screenshot("8-picker");

        choice.click();
        wait.until(visibilityOfElementLocated(By.id("field-server_token")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Connect Postmark");
        assertThat(driver.findElements(By.cssSelector("li.step"))).hasSize(2);
    }

    @Test
    void reLinkingAnAccountPrefillsItsLabelLeavesTheSecretsEmptyAndUpdatesThatAccount() {
        FakePostmark.Server server = postmark.addServer("Receipts");
        String owner = "owner-relink-" + OWNERS.incrementAndGet();
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("provider", "postmark");
        link.put("origin_owner_id", owner);
        link.put("origin_owner_name", "Grace Hopper");
        link.put("label", "Receipts mail");
        link.put("credentials", Map.of("server_token", server.serverToken()));
        HubClient.Response account = hub.client().post("/v1/accounts", apiKey, link);
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        String accountId = account.json().path("id").asText();

        Map<String, Object> relink = new LinkedHashMap<>();
        relink.put("origin_owner_id", owner);
        relink.put("origin_owner_name", "Grace Hopper");
        relink.put("account_id", accountId);
        open(newSessionFor(relink));

        WebElement serverToken = wait.until(visibilityOfElementLocated(By.id("field-server_token")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Reconnect Postmark");
        assertThat(driver.findElement(By.id("field-__label")).getAttribute("value")).isEqualTo("Receipts mail");
        assertThat(serverToken.getAttribute("value")).isEmpty();
        assertThat(driver.findElement(By.id("field-account_token")).getAttribute("value")).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(server.serverToken());
        browser.screenshot("9-relink");

        serverToken.sendKeys(server.serverToken());
        driver.findElement(By.id("connect")).click();
        wait.until(visibilityOfElementLocated(By.id("confirmation")));
        driver.findElement(By.id("confirm-done")).click();

        List<WebElement> items = wait.until(visibilityOfElementLocated(By.id("accounts")))
                .findElements(By.cssSelector("li.account"));
        assertThat(items).extracting(item -> item.getAttribute("data-account-id")).containsExactly(accountId);
        assertThat(items.get(0).getText()).contains("Receipts", "Receipts mail", "Live");
    }

    // ------------------------------------------------------------------------------------------

    private void open(String token) {
        driver.get(hub.client().baseUrl() + "/hub?token=" + token);
    }

    /** A connect session for a fresh owner; returns its token. */
    private static String newSession(Map<String, Object> extra) {
        int owner = OWNERS.incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("origin_owner_id", "owner-" + owner);
        body.put("origin_owner_name", "Ada Lovelace");
        body.put("provider", "postmark");
        body.putAll(extra);
        body.values().removeIf(java.util.Objects::isNull);
        return newSessionFor(body);
    }

    private static String newSessionFor(Map<String, Object> body) {
        HubClient.Response created = hub.client().post("/v1/connect_sessions", apiKey, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("token").asText();
    }

    private WebElement tabUntil(String id, int maxTabs) {
        for (int i = 0; i < maxTabs; i++) {
            WebElement active = driver.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                return active;
            }
            active.sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
