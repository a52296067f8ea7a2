package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.connectorhub.postmark.PostmarkFakeSupport.request;
import static org.connectorhub.postmark.PostmarkFakeSupport.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.testkit.fake.RecordedRequest;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Thousands of accounts through one connector, against the fake Postmark over HTTP: every request
 * carries the token of the account it was made for, and nothing is kept per token.
 */
class PostmarkManyAccountsTest {
    private static final int ACCOUNTS = 2_000;
    private static final int ROUNDS = 2;
    private static final int THREADS = 4;

    private FakePostmark fake;
    private PostmarkClients clients;
    private PostmarkConnector connector;

    @BeforeEach
    void start() {
        fake = FakePostmark.start();
        clients = new PostmarkClients(PostmarkSettings.from(new ConnectorConfig(PostmarkFakeSupport.config(fake))));
        connector = new PostmarkConnector(clients, new PostmarkAuthVerifier(clients), new PostmarkActions(clients));
    }

    @AfterEach
    void stop() {
        connector.close();
        fake.close();
    }

    @Test
    void each_of_thousands_of_accounts_sends_with_its_own_token_through_the_same_clients() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            tokens.add(fake.addServer("Account " + i).serverToken());
        }
        ConnectorAction send = connector.action("send_email").orElseThrow();
        PostmarkServerApi before = clients.server();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    // round-robin: the threads interleave, so consecutive requests belong to different accounts
                    for (int call = first; call < ACCOUNTS * ROUNDS; call += THREADS) {
                        int account = call % ACCOUNTS;
                        Map<String, Object> email = PostmarkActionsTest.email();
                        email.put("tag", "account-" + account);
                        send.execute(request(server(tokens.get(account)), email));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<RecordedRequest> sent = fake.http().requests("POST", "/email");
        assertThat(sent).hasSize(ACCOUNTS * ROUNDS);
        Map<String, Integer> perToken = new HashMap<>();
        for (RecordedRequest request : sent) {
            int account = Integer.parseInt(request.body().replaceAll("(?s).*\"Tag\"\\s*:\\s*\"account-(\\d+)\".*", "$1"));
            assertThat(request.header(PostmarkServerApi.TOKEN_HEADER)).as("request for account %d", account)
                    .contains(tokens.get(account));
            assertThat(request.headers().keySet().stream().filter(h -> h.toLowerCase().contains("token")))
                    .as("one token header, no other").hasSize(1);
            perToken.merge(tokens.get(account), 1, Integer::sum);
        }
        assertThat(perToken).hasSize(ACCOUNTS).allSatisfy((token, calls) -> assertThat(calls).isEqualTo(ROUNDS));
        assertThat(fake.sentEmailCount()).isEqualTo(ACCOUNTS * ROUNDS);
        assertThat(clients.server()).as("one server client for every account").isSameAs(before);
    }

    @Test
    void no_token_stays_reachable_from_the_connector_after_its_calls() {
        Set<String> tokens = new HashSet<>();
        ConnectorAction send = connector.action("send_email").orElseThrow();
        for (int i = 0; i < 300; i++) {
            String token = fake.addServer("Account " + i).serverToken();
            tokens.add(token);
            send.execute(request(server(token), PostmarkActionsTest.email()));
            connector.verifier().verify(server(token));
        }
        String account = fake.addAccountToken();
        tokens.add(account);
        connector.action("list_domains").orElseThrow()
                .execute(request(PostmarkFakeSupport.both(tokens.iterator().next(), account), Map.of()));

        assertThat(ReachableStrings.findAny(connector, tokens)).as("a token kept by the connector").isEmpty();
        // the walk does reach into the Feign clients: it finds what they do keep, the base URL
        String baseUrl = clients.settings().baseUrl().toString();
        assertThat(ReachableStrings.findAny(connector, Set.of(baseUrl))).contains(baseUrl);
    }

    @Test
    void the_reachability_check_finds_a_token_kept_in_a_map() {
        String token = fake.addServer("Kept").serverToken();
        Object holder = new Object() {
            final Map<String, Object> cache = new java.util.concurrent.ConcurrentHashMap<>(Map.of(token, connector));
        };
        assertThat(ReachableStrings.findAny(holder, Set.of(token))).contains(token);
    }

    @Test
    void client_cache_size_is_still_accepted_and_ignored() {
        for (String value : List.of("1", "256", "5000")) {
            Map<String, String> config = PostmarkFakeSupport.config(fake);
            config.put(PostmarkSettings.CLIENT_CACHE_SIZE, value);
            Connector configured = new PostmarkConnectorFactory().create(new ConnectorConfig(config));
            try {
                String token = fake.addServer("Configured " + value).serverToken();
                Object out = configured.action("send_email").orElseThrow()
                        .execute(request(server(token), PostmarkActionsTest.email()));
                assertThat(out).isInstanceOfSatisfying(Map.class, m -> assertThat(m.get("message_id")).isNotNull());
            } finally {
                configured.close();
            }
        }
    }
}
