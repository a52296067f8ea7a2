package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.connectorhub.postmark.PostmarkFakeSupport.both;
import static org.connectorhub.postmark.PostmarkFakeSupport.request;
import static org.connectorhub.postmark.PostmarkFakeSupport.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.connectorhub.testkit.postmark.FakePostmark.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No token in any log line (at TRACE), exception message or toString(), whatever happens. */
class PostmarkSecretsTest {
    private FakePostmark fake;
    private Connector connector;
    private Server live;
    private String accountToken;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger root;
    private Level previousLevel;
    private final List<Throwable> failures = new ArrayList<>();
    private final List<Object> printed = new ArrayList<>();

    @BeforeEach
    void start() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
        fake = FakePostmark.start();
        connector = PostmarkFakeSupport.connector(fake);
        live = fake.addServer("Main server");
        accountToken = fake.addAccountToken();
    }

    @AfterEach
    void stop() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
        connector.close();
        fake.close();
    }

    private void attempt(Runnable work) {
        Throwable thrown = catchThrowable(work::run);
        if (thrown != null) {
            failures.add(thrown);
        }
    }

    private Object verify(Credentials credentials) {
        Object outcome = connector.verifier().verify(credentials);
        printed.add(outcome);
        return outcome;
    }

    private void action(String name, Credentials credentials, Map<String, Object> input) {
        attempt(() -> printed.add(connector.action(name).orElseThrow().execute(request(credentials, input))));
    }

    @Test
    void tokens_never_appear_in_logs_exceptions_or_printed_values() {
        Server other = fake.addServer("Other");
        List<String> tokens = List.of(live.serverToken(), accountToken, other.serverToken());

        verify(both(live.serverToken(), accountToken));
        verify(server(accountToken));
        verify(both(live.serverToken(), other.serverToken()));
        verify(both(live.serverToken(), PostmarkFakeSupport.UNKNOWN_TOKEN));
        fake.http().faults().add("GET", "/server", Fault.status(503).times(1));
        verify(server(live.serverToken()));
        fake.http().faults().add("GET", "/server", Fault.malformedBody().times(3));
        verify(server(live.serverToken()));
        fake.http().faults().add("GET", "/server", Fault.dropConnection().times(3));
        verify(server(live.serverToken()));

        Credentials credentials = both(live.serverToken(), accountToken);
        Map<String, Object> email = PostmarkActionsTest.email();
        action("send_email", credentials, email);
        action("get_server", credentials, Map.of());
        action("list_servers", credentials, Map.of());
        action("get_server_by_id", credentials, Map.of("server_id", other.id()));
        action("create_server", credentials, Map.of("name", "Created"));
        fake.http().faults().add("POST", "/email", Fault.delay(PostmarkFakeSupport.SLOW).times(1));
        Connector shortTimeout = PostmarkFakeSupport.withShortReadTimeout(fake);
        try {
            attempt(() -> shortTimeout.action("send_email").orElseThrow().execute(request(credentials, email)));
        } finally {
            shortTimeout.close();
        }
        fake.http().faults().add("POST", "/email", Fault.dropConnection().times(1));
        action("send_email", credentials, email);
        fake.http().faults().add("POST", "/email", Fault.rateLimited(Duration.ofSeconds(60)).times(1));
        action("send_email", credentials, email);
        fake.markInactive("receiver@example.com");
        action("send_email", credentials, email);
        action("send_email", credentials, Map.of("from", "x"));
        fake.revoke(live.serverToken());
        action("send_email", credentials, PostmarkActionsTest.email());
        fake.revoke(accountToken);
        action("list_domains", credentials, Map.of());

        assertThat(appender.list).as("Feign logs its requests at BASIC").isNotEmpty();
        assertThat(failures).hasSizeGreaterThanOrEqualTo(6);
        for (String token : tokens) {
            for (ILoggingEvent event : appender.list) {
                assertThat(event.getFormattedMessage()).doesNotContain(token);
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(token);
                }
            }
            for (Throwable failure : failures) {
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    assertThat(t.toString()).doesNotContain(token);
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(token);
                }
            }
            for (Object value : printed) {
                assertThat(String.valueOf(value)).doesNotContain(token);
            }
            assertThat(connector.toString()).doesNotContain(token);
            assertThat(credentials.toString()).doesNotContain(token);
        }
    }
}
