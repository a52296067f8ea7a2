package org.connectorhub.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.hub.accounts.JdbcAccountStore;
import org.connectorhub.hub.console.AccountTable;
import org.connectorhub.hub.console.JdbcAccountTable;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.storage.TestDatabases;

/**
 * Scenario 1e: the console's Accounts page query on PostgreSQL with many accounts (full: 1,000,000;
 * smoke: 10,000), seeded as scenario 4 seeds them, then a tenth made suspended and a tenth test
 * accounts. Each filter of the page is sampled on random pages; the baseline is the API's list
 * ({@code JdbcAccountStore}, page of 50 by id) on the same database. Target: p99 under 100 ms.
 */
final class ConsoleAccountsScenario implements Scenario {
    private static final String SCENARIO = "1e. console Accounts page";
    private static final int PAGE = 50;

    @Override
    public String key() {
        return "console";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        try (Database database = TestDatabases.postgres()) {
            new JdbcProjectStore(database.dataSource()).createIfAbsent(StoreAtScaleScenario.PROJECT, "Bench",
                    ApiKeys.hash(ApiKeys.newApiKey()));
            long seedStart = System.nanoTime();
            StoreAtScaleScenario.Seeded seeded = StoreAtScaleScenario.seed(database.dataSource(), settings.storeAccounts());
            try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE accounts SET status = 'suspended' WHERE origin_owner_id LIKE '%7'");
                statement.executeUpdate("UPDATE accounts SET account_mode = 'test' WHERE origin_owner_id LIKE '%3'");
                statement.execute("ANALYZE accounts");
            }
            String note = String.format("%,d accounts on PostgreSQL, seeded in %.0f s.", settings.storeAccounts(),
                    (System.nanoTime() - seedStart) / 1e9);
            JdbcAccountTable table = new JdbcAccountTable(database.dataSource());
            JdbcAccountStore store = new JdbcAccountStore(database.dataSource());
            String[] ids = seeded.ids().clone();
            java.util.Arrays.sort(ids);
            SplittableRandom random = new SplittableRandom(11);
            int samples = settings.storeSamples();
            Supplier<Optional<String>> anyCursor = () -> Optional.of(ids[random.nextInt(ids.length - PAGE * 2)]);
            List<Figure> figures = new ArrayList<>();
            figures.add(sample("no filter, a random page", samples, note,
                    () -> store.list(new AccountQuery(StoreAtScaleScenario.PROJECT, Optional.empty(), Optional.empty(),
                            Optional.empty(), PAGE, anyCursor.get())),
                    () -> table.list(filter(Optional.empty(), Optional.empty(), Optional.empty(), anyCursor.get()))));
            figures.add(sample("status suspended, a random page", samples, "a tenth of the accounts are suspended.",
                    () -> store.list(new AccountQuery(StoreAtScaleScenario.PROJECT, Optional.empty(), Optional.empty(),
                            Optional.of(AccountStatus.SUSPENDED), PAGE, anyCursor.get())),
                    () -> table.list(filter(Optional.of(AccountStatus.SUSPENDED), Optional.empty(), Optional.empty(),
                            anyCursor.get()))));
            figures.add(sample("type test, a random page", samples, "a tenth of the accounts are test accounts.",
                    () -> store.list(new AccountQuery(StoreAtScaleScenario.PROJECT, Optional.empty(), Optional.empty(),
                            Optional.empty(), PAGE, anyCursor.get())),
                    () -> table.list(filter(Optional.empty(), Optional.of(Mode.TEST), Optional.empty(), anyCursor.get()))));
            figures.add(sample("owner id search, first page", samples, "an owner of 10 accounts, by id.",
                    () -> store.list(new AccountQuery(StoreAtScaleScenario.PROJECT,
                            Optional.of("owner-" + random.nextInt(settings.storeAccounts() / 10)), Optional.empty(),
                            Optional.empty(), PAGE, Optional.empty())),
                    () -> table.list(filter(Optional.empty(), Optional.empty(),
                            Optional.of("owner-" + random.nextInt(settings.storeAccounts() / 10)), Optional.empty()))));
            figures.add(sample("owner name prefix search, first page", samples, "names 'Owner <n>': a prefix of 4 digits.",
                    () -> store.list(new AccountQuery(StoreAtScaleScenario.PROJECT, Optional.empty(), Optional.empty(),
                            Optional.empty(), PAGE, Optional.empty())),
                    () -> table.list(filter(Optional.empty(), Optional.empty(),
                            Optional.of("Owner " + (1000 + random.nextInt(9000))), Optional.empty()))));
            return figures;
        }
    }

    private static AccountTable.Filter filter(Optional<AccountStatus> status, Optional<Mode> mode, Optional<String> owner,
            Optional<String> after) {
        return new AccountTable.Filter(StoreAtScaleScenario.PROJECT, status, Optional.empty(), mode, owner, after, PAGE);
    }

    private static Figure sample(String metric, int samples, String note, Supplier<Object> baseline, Supplier<Object> ours)
            throws SQLException {
        Histogram raw = new Histogram(Duration.ofSeconds(30).toNanos(), 3);
        Histogram console = new Histogram(Duration.ofSeconds(30).toNanos(), 3);
        int warmup = Math.max(1, samples / 5);
        for (int i = 0; i < warmup + samples; i++) {
            long start = System.nanoTime();
            baseline.get();
            long middle = System.nanoTime();
            ours.get();
            long end = System.nanoTime();
            if (i >= warmup) {
                raw.recordValue(middle - start);
                console.recordValue(end - middle);
            }
        }
        double ms = console.getValueAtPercentile(99) / 1e6;
        return new Figure(SCENARIO, metric + " p99", "API list (JdbcAccountStore)", raw.getValueAtPercentile(99) / 1e6,
                "JdbcAccountTable", ms, "ms", "p99 < 100 ms", ms < 100, raw.getTotalCount(), console.getTotalCount(),
                String.format("p50 API %.3f ms, console %.3f ms. %s", raw.getValueAtPercentile(50) / 1e6,
                        console.getValueAtPercentile(50) / 1e6, note));
    }
}
