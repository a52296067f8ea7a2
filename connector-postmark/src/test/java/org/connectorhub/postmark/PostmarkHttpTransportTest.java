package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.connectorhub.postmark.PostmarkFakeSupport.request;
import static org.connectorhub.postmark.PostmarkFakeSupport.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import feign.Feign;
import feign.Request;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.fake.RecordedRequest;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.connectorhub.testkit.postmark.FakePostmark.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The Apache HttpClient 5 transport under Feign, against the fake Postmark over HTTP on loopback. */
class PostmarkHttpTransportTest {
    private FakePostmark fake;
    private Server live;
    private PostmarkClients clients;
    private Connector connector;

    @BeforeEach
    void start() {
        fake = FakePostmark.start();
        live = fake.addServer("Main server");
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        fake.close();
    }

    private Connector connector(Map<String, String> extra) {
        Map<String, String> config = PostmarkFakeSupport.config(fake);
        config.putAll(extra);
        clients = new PostmarkClients(PostmarkSettings.from(new ConnectorConfig(config)));
        connector = new PostmarkConnector(clients, new PostmarkAuthVerifier(clients), new PostmarkActions(clients));
        return connector;
    }

    private Object send(Connector connector) {
        return connector.action("send_email").orElseThrow()
                .execute(request(server(live.serverToken()), PostmarkActionsTest.email()));
    }

    @Test
    void headers_and_body_go_out_as_feign_built_them_and_the_answer_comes_back_whole() {
        Object out = send(connector(Map.of()));
        assertThat(out).isInstanceOfSatisfying(Map.class, m -> assertThat(m.get("message_id")).isNotNull());
        RecordedRequest sent = fake.http().requests("POST", "/email").get(0);
        assertThat(sent.header(PostmarkServerApi.TOKEN_HEADER)).contains(live.serverToken());
        assertThat(sent.header("Accept")).contains("application/json");
        assertThat(sent.header("Content-Type")).contains("application/json");
        assertThat(sent.header("Accept-Encoding")).as("no compression asked for").isEmpty();
    }

    @Test
    void a_put_without_a_body_still_says_content_length_zero() {
        long id = fake.addBounce(live, "bounced@example.com", "HardBounce");
        connector(Map.of()).action("activate_bounce").orElseThrow()
                .execute(request(server(live.serverToken()), Map.of("bounce_id", id)));
        RecordedRequest put = fake.http().requests("PUT", "/bounces/" + id + "/activate").get(0);
        assertThat(put.header("Content-Length")).contains("0");
    }

    @Test
    void the_read_timeout_comes_from_feigns_options_on_each_call() {
        // the pool's default socket timeout is 5 s; the call's Options say 300 ms
        fake.http().faults().add("GET", "/server", Fault.delay(PostmarkFakeSupport.SLOW).times(1));
        try (PostmarkHttpTransport transport = new PostmarkHttpTransport(4, Duration.ofSeconds(1), Duration.ofSeconds(5))) {
            PostmarkServerApi api = Feign.builder()
                    .client(transport)
                    .decoder(new PostmarkJsonCodec(PostmarkJson.mapper()))
                    .retryer(new PostmarkRetryer(1, Duration.ZERO))
                    .options(new Request.Options(1, TimeUnit.SECONDS, 300, TimeUnit.MILLISECONDS, false))
                    .target(PostmarkServerApi.class, fake.baseUri().toString());
            long started = System.nanoTime();
            Throwable thrown = catchThrowable(() -> api.server(live.serverToken()));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PostmarkFakeSupport.SLOW);
            assertThat(PostmarkCall.translate("server token", (RuntimeException) thrown))
                    .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("in time");
        }
    }

    @Test
    void a_read_timeout_of_a_verification_is_unavailable_not_invalid() {
        fake.http().faults().add("GET", "/server", Fault.delay(PostmarkFakeSupport.SLOW));
        Connector slow = connector(Map.of(ConnectorConfig.READ_TIMEOUT_MS, PostmarkFakeSupport.SHORT_READ_TIMEOUT_MS,
                ConnectorConfig.MAX_ATTEMPTS, "1"));
        VerificationOutcome outcome = slow.verifier().verify(server(live.serverToken()));
        assertThat(outcome).isInstanceOfSatisfying(VerificationOutcome.Unavailable.class,
                u -> assertThat(u.reason()).contains("in time"));
    }

    @Test
    void connection_refused_is_unavailable_for_a_send_and_for_a_verification() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Connector refused = connector(Map.of(ConnectorConfig.BASE_URL, "http://127.0.0.1:" + closedPort,
                ConnectorConfig.MAX_ATTEMPTS, "1"));
        Throwable thrown = catchThrowable(() -> send(refused));
        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("Could not reach");
        assertThat(refused.verifier().verify(server(live.serverToken())))
                .isInstanceOf(VerificationOutcome.Unavailable.class);
    }

    @Test
    void a_connect_timeout_is_unavailable() throws IOException {
        // A listener whose accept queue is full drops further SYNs: the connect hangs until its timeout.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(s);
                    } catch (IOException queueFull) {
                        s.close();
                        break;
                    }
                }
                Connector hanging = connector(Map.of(ConnectorConfig.BASE_URL, "http://127.0.0.1:" + full.getLocalPort(),
                        ConnectorConfig.CONNECT_TIMEOUT_MS, "300", ConnectorConfig.MAX_ATTEMPTS, "1"));
                Throwable thrown = catchThrowable(() -> send(hanging));
                assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                        .isNotInstanceOf(CredentialsRevokedException.class)
                        .hasMessageContaining("in time");
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void max_connections_caps_the_pool_and_a_caller_past_it_waits_at_most_the_connect_timeout() {
        Connector one = connector(Map.of(PostmarkSettings.MAX_CONNECTIONS, "1", ConnectorConfig.CONNECT_TIMEOUT_MS, "300",
                ConnectorConfig.MAX_ATTEMPTS, "1"));
        fake.http().faults().add("POST", "/email", Fault.delay(PostmarkFakeSupport.SLOW).times(1));
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> send(one));
        await().atMost(Duration.ofSeconds(10)).until(() -> !fake.http().requests("POST", "/email").isEmpty());

        Throwable second = catchThrowable(() -> send(one));
        assertThat(second).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("max_connections");
        assertThat(first.join()).isInstanceOf(Map.class);
        assertThat(clients.http().poolStats().getMax()).isEqualTo(1);
        assertThat(fake.http().requests("POST", "/email")).as("the second call never went out").hasSize(1);
    }

    @Test
    void the_pool_defaults_to_64_connections_and_reuses_them() {
        Connector pooled = connector(Map.of());
        send(pooled);
        send(pooled);
        assertThat(clients.http().poolStats().getMax()).isEqualTo(PostmarkSettings.DEFAULT_MAX_CONNECTIONS);
        assertThat(clients.http().poolStats().getAvailable()).as("one kept-alive connection, reused").isEqualTo(1);
        assertThat(clients.http().poolStats().getLeased()).as("released after each call").isZero();
    }

    @Test
    void closing_the_connector_shuts_the_pool_down() {
        Connector closing = connector(Map.of());
        PostmarkServerApi before = clients.server();
        send(closing);
        PostmarkHttpTransport transport = clients.http();
        closing.close();
        connector = null;
        assertThat(transport.isClosed()).isTrue();
        assertThat(transport.poolStats().getAvailable()).isZero();
        Throwable thrown = catchThrowable(() -> PostmarkCall.run("server token", () -> before.server(live.serverToken())));
        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void apaches_header_and_wire_logs_never_see_the_token() {
        Logger apache = (Logger) LoggerFactory.getLogger("org.apache.hc");
        Level previous = apache.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        apache.addAppender(appender);
        apache.setLevel(Level.TRACE);
        try {
            send(connector(Map.of()));
            fake.http().faults().add("POST", "/email", Fault.status(500).times(1));
            catchThrowable(() -> send(connector));
        } finally {
            apache.detachAppender(appender);
            apache.setLevel(previous);
        }
        assertThat(appender.list).as("Apache logs at DEBUG when asked").isNotEmpty();
        assertThat(appender.list).noneMatch(e -> e.getLoggerName().endsWith(".headers") || e.getLoggerName().endsWith(".wire"));
        assertThat(appender.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(live.serverToken()));
    }
}
