package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.core.spi.ProxyAuth;
import org.connectorhub.core.spi.ProxyBody;
import org.connectorhub.core.spi.ProxyPath;
import org.connectorhub.core.spi.ProxyRequest;
import org.connectorhub.core.spi.ProxyResponse;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Postmark passthrough against the fake Postmark over loopback. */
class PostmarkProxySupportTest {
    private FakePostmark fake;
    private PostmarkClients clients;
    private PostmarkProxySupport proxy;
    private FakePostmark.Server server;

    @BeforeEach
    void start() {
        fake = FakePostmark.start();
        server = fake.addServer("Proxied");
        useReadTimeout(PostmarkFakeSupport.config(fake).get(ConnectorConfig.READ_TIMEOUT_MS));
    }

    private void useReadTimeout(String millis) {
        if (clients != null) {
            clients.close();
        }
        Map<String, String> config = PostmarkFakeSupport.config(fake);
        config.put(ConnectorConfig.READ_TIMEOUT_MS, millis);
        clients = new PostmarkClients(PostmarkSettings.from(new ConnectorConfig(config)));
        proxy = new PostmarkProxySupport(clients.settings(), () -> clients.http().httpClient(), clients.mapper());
    }

    @AfterEach
    void stop() {
        clients.close();
        fake.close();
    }

    private ProxyRequest request(String method, String path, String query, Mode mode, ProxyBody body) {
        ProxyPath parsed = ProxyPath.parse(path, query);
        ProxyAuth auth = proxy.authenticate(method, parsed);
        String credential = auth.credentialField().equals(PostmarkCredentialSchema.ACCOUNT_TOKEN)
                ? fake.addAccountToken() : server.serverToken();
        return new ProxyRequest(method, parsed, Map.of(), auth, credential, mode, body);
    }

    private static String body(ProxyResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.writeBody(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void accountLevelResourcesTakeTheAccountTokenInAnyCase() {
        for (String path : List.of("servers", "Servers/1", "SENDERS/2/resend", "domains/3/verifyDkim", "data-removals",
                "templates/push", "Templates/Push")) {
            assertThat(proxy.authenticate("GET", ProxyPath.parse(path, null)).header()).as(path)
                    .isEqualTo("X-Postmark-Account-Token");
        }
        for (String path : List.of("server", "email", "email/batch", "templates", "templates/pusher", "templates/12",
                "message-streams/outbound/suppressions/dump", "bounces", "stats/outbound", "webhooks")) {
            ProxyAuth auth = proxy.authenticate("POST", ProxyPath.parse(path, null));
            assertThat(auth.header()).as(path).isEqualTo("X-Postmark-Server-Token");
            assertThat(auth.scope()).isEqualTo(PostmarkCredentialSchema.SCOPE_SERVER);
        }
    }

    @Test
    void redactsWebhookPasswordsAndCredentialsInHookUrls() throws IOException {
        String json = "{\"Webhooks\":[{\"ID\":7,\"Url\":\"https://u:p4ss@hooks.example/x?y=1\","
                + "\"HttpAuth\":{\"Username\":\"hub_1\",\"Password\":\"s3cret\"}}],"
                + "\"InboundHookUrl\":\"https://hub_1:s3cret@hub.example/v1/provider_events/postmark/acc_1\","
                + "\"BounceHookUrl\":\"\",\"Text\":\"https://a:b@c.example stays in a non-URL field\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        proxy.copyWithoutTokens(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"Webhooks\":[{\"ID\":7,"
                + "\"Url\":\"https://hooks.example/x?y=1\",\"HttpAuth\":{\"Username\":\"hub_1\",\"Password\":\"[redacted]\"}}],"
                + "\"InboundHookUrl\":\"https://hub.example/v1/provider_events/postmark/acc_1\",\"BounceHookUrl\":\"\","
                + "\"Text\":\"https://a:b@c.example stays in a non-URL field\"}");
        assertThat(PostmarkProxySupport.withoutUserInfo("https://h.example/p@q")).isEqualTo("https://h.example/p@q");
        assertThat(PostmarkProxySupport.withoutUserInfo("not a url")).isEqualTo("not a url");
    }

    @Test
    void removesApiTokensWhereverTheyAreAndKeepsEverythingElseExact() throws IOException {
        String json = "{\"ID\":1,\"ApiTokens\":[\"t1\"],\"Price\":1.50,\"Big\":123456789012345678901234567890,"
                + "\"Servers\":[{\"Name\":\"a\",\"apitokens\":[\"t2\"],\"Nested\":{\"ApiTokens\":{\"x\":\"t3\"}}}],"
                + "\"Text\":\"ApiTokens stays in a value\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        proxy.copyWithoutTokens(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"ID\":1,\"Price\":1.50,"
                + "\"Big\":123456789012345678901234567890,\"Servers\":[{\"Name\":\"a\",\"Nested\":{}}],"
                + "\"Text\":\"ApiTokens stays in a value\"}");
    }

    @Test
    void serverAndServersAnswersNeverCarryATokenAndTheConnectionGoesBack() throws IOException {
        try (ProxyResponse response = proxy.send(request("GET", "server", null, Mode.PRODUCTION, ProxyBody.empty()))) {
            assertThat(response.status()).isEqualTo(200);
            String body = body(response);
            assertThat(body).doesNotContain(server.serverToken()).doesNotContain("ApiTokens").contains("Proxied");
        }
        try (ProxyResponse response = proxy.send(request("GET", "servers", "count=10&offset=0", Mode.PRODUCTION,
                ProxyBody.empty()))) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(body(response)).doesNotContain(server.serverToken()).doesNotContain("ApiTokens");
        }
        assertThat(clients.http().poolStats().getLeased()).isZero();
    }

    @Test
    void aLargeAnswerStreamsAndStillLosesItsTokens() throws IOException {
        String big = "z".repeat(PostmarkProxySupport.IN_MEMORY_ANSWER + 10);
        fake.http().faults().add("GET", "/server", Fault.unexpectedBody("{\"Name\":\"" + big + "\",\"ApiTokens\":[\""
                + server.serverToken() + "\"]}").times(1));

        try (ProxyResponse response = proxy.send(request("GET", "server", null, Mode.PRODUCTION, ProxyBody.empty()))) {
            assertThat(response.declaredLength().orElse(0)).isGreaterThan(PostmarkProxySupport.IN_MEMORY_ANSWER);
            String body = body(response);
            assertThat(body).startsWith("{\"Name\":\"zzz").doesNotContain(server.serverToken()).doesNotContain("ApiTokens");
        }
        assertThat(clients.http().poolStats().getLeased()).isZero();
    }

    @Test
    void anUnreadableSmallAnswerIsAnOutageBeforeAnyStatusGoesOut() {
        fake.http().faults().add("GET", "/server", Fault.malformedBody());

        assertThatThrownBy(() -> proxy.send(request("GET", "server", null, Mode.PRODUCTION, ProxyBody.empty())))
                .isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void aTestModeAccountOnlyEverSendsTheTestToken() {
        ProxyRequest request = request("POST", "email", null, Mode.TEST, ProxyBody.of(
                "{\"From\":\"a@example.com\",\"To\":\"b@example.com\",\"TextBody\":\"x\"}".getBytes(StandardCharsets.UTF_8)));

        try (ProxyResponse response = proxy.send(request)) {
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(fake.http().requests("POST", "/email").get(0).header(FakePostmark.SERVER_TOKEN_HEADER))
                .contains(FakePostmark.TEST_TOKEN);
    }

    @Test
    void a401IsARevokedTokenNamingWhichOne() {
        fake.revoke(server.serverToken());

        assertThatThrownBy(() -> proxy.send(request("GET", "server", null, Mode.PRODUCTION, ProxyBody.empty())))
                .isInstanceOf(CredentialsRevokedException.class)
                .hasMessageContaining("Server API Token")
                .hasMessageNotContaining(server.serverToken());
    }

    @Test
    void aReadThatTimesOutIsTriedAgainAndThenIsAnOutage() {
        useReadTimeout(PostmarkFakeSupport.SHORT_READ_TIMEOUT_MS);
        fake.http().faults().add("GET", "/server", Fault.delay(PostmarkFakeSupport.SLOW));

        assertThatThrownBy(() -> proxy.send(request("GET", "server", null, Mode.PRODUCTION, ProxyBody.empty())))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("did not answer in time");
        assertThat(fake.http().requests("GET", "/server")).hasSize(3);
    }

    @Test
    void aWriteThatTimesOutIsNeverSentAgain() {
        useReadTimeout(PostmarkFakeSupport.SHORT_READ_TIMEOUT_MS);
        fake.http().faults().add("POST", "/webhooks", Fault.delay(PostmarkFakeSupport.SLOW));

        assertThatThrownBy(() -> proxy.send(request("POST", "webhooks", null, Mode.PRODUCTION,
                ProxyBody.of("{\"Url\":\"https://example.com/h\"}".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(fake.http().requests("POST", "/webhooks")).hasSize(1);
    }

    @Test
    void aStreamedWriteIsNotSentAgainEvenWhenPostmarkSaysWhen() {
        fake.http().faults().add("POST", "/email", Fault.unavailable(Duration.ZERO).times(1));
        byte[] body = "{\"From\":\"a@example.com\",\"To\":\"b@example.com\",\"TextBody\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> proxy.send(request("POST", "email", null, Mode.PRODUCTION,
                ProxyBody.streaming(new ByteArrayInputStream(body), OptionalLong.of(body.length)))))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(fake.http().requests("POST", "/email")).hasSize(1);
    }

    @Test
    void theQueryGoesOutAsItCame() {
        try (ProxyResponse response = proxy.send(request("GET", "messages/outbound",
                "count=2&offset=0&recipient=a%2Bb%40example.com", Mode.PRODUCTION, ProxyBody.empty()))) {
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(fake.http().requests("GET", "/messages/outbound").get(0).queryParam("recipient"))
                .contains("a+b@example.com");
    }
}
