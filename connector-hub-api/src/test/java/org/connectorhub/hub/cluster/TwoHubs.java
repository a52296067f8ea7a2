package org.connectorhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.config.DatabaseSettings;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Two hubs, A and B, as a load balancer would run them: each with its own port and data
 * directory, both on one PostgreSQL database with one master key.
 */
final class TwoHubs implements AutoCloseable {
    final DatabaseSettings database;
    final TestHub a;
    final TestHub b;

    TwoHubs(FakePostmark postmark, DatabaseSettings database, String masterKey, String apiKey, Path dirA, Path dirB) {
        this.database = database;
        this.a = TestHub.start(TestHub.config(postmark, dirA, apiKey).dbUrl(database.jdbcUrl())
                .dbUser(database.user()).dbPassword(database.password()).masterKey(masterKey).build());
        this.b = TestHub.start(TestHub.config(postmark, dirB, apiKey).dbUrl(database.jdbcUrl())
                .dbUser(database.user()).dbPassword(database.password()).masterKey(masterKey).build());
    }

    /** Runs the calls at the same moment (released together by one latch) and returns their results in order. */
    @SafeVarargs
    static List<Response> atOnce(Callable<Response>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch ready = new CountDownLatch(calls.length);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(30, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The sealed credentials of an account, read straight from the shared database. */
    byte[] sealedCredentials(String accountId) {
        try (Database db = Database.open(database.withMaxPoolSize(1));
                Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT sealed_credentials FROM accounts WHERE id = ?")) {
            statement.setString(1, accountId);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as("account %s in the database", accountId).isTrue();
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> link(String owner, String serverToken) {
        return Map.of("provider", "postmark", "origin_owner_id", owner, "credentials", Map.of("server_token", serverToken));
    }

    static Map<String, Object> email(String subject) {
        return Map.of("from", "sender@example.com", "to", "receiver@example.com", "subject", subject, "text_body", "Hi");
    }

    @Override
    public void close() {
        try {
            a.close();
        } finally {
            b.close();
        }
    }
}
