package org.connectorhub.bench;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.port.in.LinkCommand;
import org.connectorhub.core.port.in.LinkResult;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.VerificationObserver;
import org.connectorhub.core.service.AccountService;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.crypto.KeysetRepository;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.hub.crypto.TinkSecretCipher;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.accounts.JdbcAccountStore;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.connectorhub.hub.storage.TestDatabases;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Scenario 3: links per second through the core's {@code LinkAccountUseCase} (schema check,
 * verification against the fake, de-duplication lookup, seal with Tink, insert) with the real
 * {@link JdbcAccountStore} and {@link TinkSecretCipher}, on H2 and on PostgreSQL. Every link is a
 * new owner, so every link inserts. The baseline is the verification call alone: the floor a
 * link cannot beat, since it must ask the provider.
 */
final class LinkingScenario implements Scenario {
    static final int THREADS = 8;
    static final String PROJECT = "bench";
    private static final String SCENARIO = "3. linking";

    @Override
    public String key() {
        return "linking";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        List<Figure> figures = new ArrayList<>();
        figures.add(measure(settings, "H2", () -> TestDatabases.h2(tempDir(settings)), 1000));
        figures.add(measure(settings, "PostgreSQL", TestDatabases::postgres, 500));
        return figures;
    }

    private static java.nio.file.Path tempDir(BenchSettings settings) {
        try {
            return Files.createTempDirectory(settings.workDir(), "linking-h2");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Figure measure(BenchSettings settings, String vendor, Supplier<Database> open, double target) throws Exception {
        try (FakePostmark fake = FakePostmark.start(); AutoCloseable janitor = BenchPostmark.janitor(fake);
                Database database = open.get()) {
            FakePostmark.Server server = fake.addServer("Bench");
            Credentials credentials = Credentials.of("server_token", server.serverToken());
            Connector connector = BenchPostmark.adapter(fake.baseUri());
            try {
                new JdbcProjectStore(database.dataSource()).createIfAbsent(PROJECT, "Bench", ApiKeys.hash(ApiKeys.newApiKey()));
                TinkSecretCipher cipher = new TinkSecretCipher(new KeysetRepository(database.dataSource()),
                        MasterKey.fromBase64(MasterKey.generateBase64()));
                cipher.start();
                AccountService accounts = new AccountService(ConnectorRegistry.of(Map.of("postmark", connector)),
                        new JdbcAccountStore(database.dataSource(), cipher), cipher, Clock.systemUTC(), VerificationObserver.NONE);
                LoadResult verify = LoadDriver.run("verification only", THREADS, settings.warmup(), settings.measure(), thread -> {
                    if (!(connector.verifier().verify(credentials) instanceof VerificationOutcome.Verified)) {
                        throw new IllegalStateException("the fake did not verify the token");
                    }
                });
                AtomicLong owners = new AtomicLong();
                LoadResult link = LoadDriver.run("link (verify+seal+store)", THREADS, settings.warmup(), settings.measure(), thread -> {
                    LinkResult result = accounts.link(LinkCommand.of(PROJECT, "postmark", "owner-" + owners.incrementAndGet(), credentials));
                    if (!result.created()) {
                        throw new IllegalStateException("a new owner's link did not create an account");
                    }
                });
                boolean met = link.throughput() >= target;
                return new Figure(SCENARIO, "links/s on " + vendor + ", concurrency " + THREADS, verify.name(), verify.throughput(),
                        link.name(), link.throughput(), "ops/s", String.format(">= %,.0f links/s", target), met,
                        verify.ops(), link.ops(),
                        String.format("link p50 %.2f ms, p99 %.2f ms.", link.p50Micros() / 1000, link.p99Micros() / 1000)
                                + Figure.errorsNote(verify, link));
            } finally {
                connector.close();
            }
        }
    }
}
