package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.connectorhub.core.spi.ConnectorConfig;
import org.junit.jupiter.api.Test;

class PostmarkClientsTest {
    private static PostmarkClients clients(int cacheSize) {
        return new PostmarkClients(PostmarkSettings.from(new ConnectorConfig(Map.of(
                ConnectorConfig.BASE_URL, "http://127.0.0.1:9", "client_cache_size", String.valueOf(cacheSize)))));
    }

    @Test
    void the_same_token_reuses_its_client_and_another_token_gets_its_own() {
        PostmarkClients clients = clients(8);
        PostmarkServerApi a = clients.server("8c1d3f6e-1234-4bcd-9a8b-0123456789ab");
        assertThat(clients.server("8c1d3f6e-1234-4bcd-9a8b-0123456789ab")).isSameAs(a);
        assertThat(clients.server("0f0f0f0f-aaaa-4bbb-8ccc-ddddeeeeffff")).isNotSameAs(a);
        assertThat(clients.cachedClients()).isEqualTo(2);
    }

    @Test
    void server_and_account_clients_for_one_value_are_kept_apart() {
        PostmarkClients clients = clients(8);
        clients.server("8c1d3f6e-1234-4bcd-9a8b-0123456789ab");
        clients.account("8c1d3f6e-1234-4bcd-9a8b-0123456789ab");
        assertThat(clients.cachedClients()).isEqualTo(2);
    }

    @Test
    void the_cache_is_bounded() {
        PostmarkClients clients = clients(3);
        for (int i = 0; i < 10; i++) {
            clients.server(String.format("00000000-0000-4000-8000-%012d", i));
        }
        assertThat(clients.cachedClients()).isEqualTo(3);
    }

    @Test
    void the_least_recently_used_client_goes_first() {
        PostmarkClients clients = clients(2);
        PostmarkServerApi a = clients.server("00000000-0000-4000-8000-00000000000a");
        PostmarkServerApi b = clients.server("00000000-0000-4000-8000-00000000000b");
        assertThat(clients.server("00000000-0000-4000-8000-00000000000a")).isSameAs(a);
        clients.server("00000000-0000-4000-8000-00000000000c");

        assertThat(clients.cachedClients()).isEqualTo(2);
        assertThat(clients.server("00000000-0000-4000-8000-00000000000a")).isSameAs(a);
        assertThat(clients.server("00000000-0000-4000-8000-00000000000b")).as("b was evicted").isNotSameAs(b);
    }

    @Test
    void many_threads_get_clients_while_the_bound_holds() throws Exception {
        PostmarkClients clients = clients(4);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<PostmarkServerApi>> same = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                same.add(pool.submit(() -> {
                    clients.server(String.format("00000000-0000-4000-8000-%012d", 100 + n % 16));
                    return clients.server("8c1d3f6e-1234-4bcd-9a8b-0123456789ab");
                }));
            }
            for (java.util.concurrent.Future<PostmarkServerApi> f : same) {
                assertThat(f.get()).isNotNull();
            }
            assertThat(clients.cachedClients()).isLessThanOrEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }
}
