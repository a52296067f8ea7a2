package org.connectorhub.bench;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Page;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.accounts.JdbcAccountStore;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.connectorhub.hub.storage.TestDatabases;

/**
 * Scenario 4: the account store with many accounts (full: 1,000,000; smoke: 10,000), seeded with
 * batch inserts straight into the table. One owner holds a tenth of them, so that listing that
 * owner's accounts 50 at a time can be measured on the first pages (shallow) and at 90% of the way
 * through (deep); the rest belong to owners of 10 accounts each. Baseline: the same lookups as
 * hand-written JDBC that reads the columns and maps nothing; ours: {@link JdbcAccountStore}.
 */
final class StoreAtScaleScenario implements Scenario {
    static final String PROJECT = "bench";
    static final String BIG_OWNER = "owner-big";
    static final int PAGE = 50;
    private static final String SCENARIO = "4. store at scale";
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final String COLUMNS = "id, project_id, provider, origin_owner_id, origin_owner_name, origin_username, label, "
            + "metadata, status, status_reasons, account_mode, scopes, provider_account_id, provider_account_name, "
            + "credential_fields, sealed_credentials, key_version, created_at, updated_at, last_verified_at, version";

    @Override
    public String key() {
        return "store";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        BenchPostmark.quietLogs();
        List<Figure> figures = new ArrayList<>();
        figures.addAll(measure(settings, "H2", () -> {
            try {
                return TestDatabases.h2(Files.createTempDirectory(settings.workDir(), "store-h2"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        figures.addAll(measure(settings, "PostgreSQL", TestDatabases::postgres));
        return figures;
    }

    private List<Figure> measure(BenchSettings settings, String vendor, Supplier<Database> open) throws SQLException {
        try (Database database = open.get()) {
            DataSource data = database.dataSource();
            new JdbcProjectStore(data).createIfAbsent(PROJECT, "Bench", ApiKeys.hash(ApiKeys.newApiKey()));
            long seedStart = System.nanoTime();
            Seeded seeded = seed(data, settings.storeAccounts());
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            String seededNote = String.format("%,d accounts seeded in %.0f s on %s.", settings.storeAccounts(), seedSeconds, vendor);
            JdbcAccountStore store = new JdbcAccountStore(data);
            SplittableRandom random = new SplittableRandom(42);
            int samples = settings.storeSamples();
            String[] big = seeded.bigOwnerIds();

            List<Figure> figures = new ArrayList<>();
            Histogram[] byId = sample(samples, () -> seeded.ids()[random.nextInt(seeded.ids().length)],
                    id -> rawGet(data, id), id -> store.find(PROJECT, id).orElseThrow());
            figures.add(figure(vendor, "get by id p99", byId, 2.0, seededNote));

            int shallowEnd = Math.max(1, big.length / 20);
            Histogram[] shallow = sample(samples, () -> {
                int at = random.nextInt(shallowEnd + 1);
                return at == 0 ? "" : big[at - 1];
            }, cursor -> rawPage(data, cursor), cursor -> page(store, cursor));
            figures.add(figure(vendor, "page of 50 by owner p99, shallow (first 5%)", shallow, 10.0,
                    String.format("the owner has %,d accounts.", big.length)));

            int deepStart = big.length * 9 / 10;
            int deepRange = Math.max(1, big.length / 20);
            Histogram[] deep = sample(samples, () -> big[deepStart + random.nextInt(deepRange)],
                    cursor -> rawPage(data, cursor), cursor -> page(store, cursor));
            figures.add(figure(vendor, "page of 50 by owner p99, deep (90-95%)", deep, 10.0, "keyset cursor, no OFFSET."));

            // diagnosis: the page as the store wrote it before the fix (ORDER BY id). H2 then sorts all of
            // the owner's remaining accounts instead of reading the index in order; a few samples
            // suffice, since each takes a second or more on H2
            int few = settings.smoke() ? 5 : 20;
            Histogram[] naive = sample(few, () -> {
                int at = random.nextInt(shallowEnd + 1);
                return at == 0 ? "" : big[at - 1];
            }, cursor -> rawPage(data, cursor, "id"), cursor -> page(store, cursor));
            figures.add(new Figure(SCENARIO, "page of 50 by owner p99, shallow: ORDER BY id (before the fix) vs now ("
                    + vendor + ")", "raw JDBC, ORDER BY id", naive[0].getValueAtPercentile(99) / 1e6, "JdbcAccountStore",
                    naive[1].getValueAtPercentile(99) / 1e6, "ms", "(diagnosis)", null, naive[0].getTotalCount(),
                    naive[1].getTotalCount(), String.format("p50 %.3f ms vs %.3f ms; %d samples each.",
                            naive[0].getValueAtPercentile(50) / 1e6, naive[1].getValueAtPercentile(50) / 1e6, few)));
            if (!settings.smoke()) {
                // one database takes minutes to seed: show its figures before the next one starts
                System.out.print(new Report(figures, java.util.Map.of()).table());
            }
            return figures;
        }
    }

    private static Figure figure(String vendor, String metric, Histogram[] histograms, double targetMs, String note) {
        double baseline = histograms[0].getValueAtPercentile(99) / 1e6;
        double ours = histograms[1].getValueAtPercentile(99) / 1e6;
        return new Figure(SCENARIO, metric + " (" + vendor + ")", "raw JDBC", baseline, "JdbcAccountStore", ours, "ms",
                String.format("p99 <= %.0f ms", targetMs), ours <= targetMs, histograms[0].getTotalCount(),
                histograms[1].getTotalCount(), String.format("p50 raw %.3f ms, ours %.3f ms. %s",
                        histograms[0].getValueAtPercentile(50) / 1e6, histograms[1].getValueAtPercentile(50) / 1e6, note));
    }

    private static Page<LinkedAccount> page(JdbcAccountStore store, String cursor) {
        AccountQuery query = new AccountQuery(PROJECT, Optional.of(BIG_OWNER), Optional.empty(), Optional.empty(), PAGE,
                cursor.isEmpty() ? Optional.empty() : Optional.of(cursor));
        Page<LinkedAccount> page = store.list(query);
        if (page.items().isEmpty()) {
            throw new IllegalStateException("an empty page inside the owner's accounts");
        }
        return page;
    }

    @FunctionalInterface
    private interface Lookup {
        Object apply(String key) throws SQLException;
    }

    /** Baseline and ours alternate, each on its own random key; a fifth as many warm-up calls come first. */
    private static Histogram[] sample(int samples, Supplier<String> keys, Lookup baseline, Lookup ours) throws SQLException {
        Histogram raw = new Histogram(Duration.ofSeconds(30).toNanos(), 3);
        Histogram store = new Histogram(Duration.ofSeconds(30).toNanos(), 3);
        int warmup = Math.max(1, samples / 5);
        for (int i = 0; i < warmup + samples; i++) {
            // a key each: H2 keeps the result of an identical query with identical parameters
            // (QUERY_CACHE_SIZE), so the second of a pair sharing SQL and key would be answered from it
            String baselineKey = keys.get();
            String ourKey = keys.get();
            long start = System.nanoTime();
            baseline.apply(baselineKey);
            long middle = System.nanoTime();
            ours.apply(ourKey);
            long end = System.nanoTime();
            if (i >= warmup) {
                raw.recordValue(middle - start);
                store.recordValue(end - middle);
            }
        }
        return new Histogram[] {raw, store};
    }

    private static Object rawGet(DataSource data, String id) throws SQLException {
        try (Connection connection = data.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM accounts WHERE id = ? AND project_id = ?")) {
            statement.setString(1, id);
            statement.setString(2, PROJECT);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("a seeded account is missing");
                }
                return readRaw(row);
            }
        }
    }

    // the best hand-written page: ordered by the index's columns (both leading ones are fixed by the WHERE)
    private static Object rawPage(DataSource data, String cursor) throws SQLException {
        return rawPage(data, cursor, "project_id, origin_owner_id, id");
    }

    private static Object rawPage(DataSource data, String cursor, String order) throws SQLException {
        try (Connection connection = data.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM accounts WHERE project_id = ? AND origin_owner_id = ? AND id > ? ORDER BY " + order
                        + " LIMIT ?")) {
            statement.setString(1, PROJECT);
            statement.setString(2, BIG_OWNER);
            statement.setString(3, cursor);
            statement.setInt(4, PAGE + 1);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(readRaw(row));
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalStateException("an empty page inside the owner's accounts");
            }
            return rows;
        }
    }

    private static Object[] readRaw(ResultSet row) throws SQLException {
        Object[] values = new Object[21];
        for (int i = 0; i < values.length; i++) {
            values[i] = i == 15 ? row.getBytes(i + 1) : row.getString(i + 1);
        }
        return values;
    }

    record Seeded(String[] ids, String[] bigOwnerIds) {
    }

    /** Batch inserts of plausible rows; sealed credentials are random bytes (nothing here opens them). */
    static Seeded seed(DataSource data, int count) throws SQLException {
        SplittableRandom random = new SplittableRandom(7);
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = newId(random, i);
        }
        // inserting in key order appends to the primary-key B-trees instead of splitting pages all over
        String[] ordered = ids.clone();
        Arrays.sort(ordered);
        List<String> big = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        byte[] sealed = new byte[80];
        String sql = "INSERT INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = data.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < count; i++) {
                    String id = ordered[i];
                    String owner = i % 10 == 0 ? BIG_OWNER : "owner-" + (i / 10);
                    if (owner.equals(BIG_OWNER)) {
                        big.add(id);
                    }
                    random.nextBytes(sealed);
                    statement.setString(1, id);
                    statement.setString(2, PROJECT);
                    statement.setString(3, "postmark");
                    statement.setString(4, owner);
                    statement.setString(5, "Owner " + i);
                    statement.setString(6, null);
                    statement.setString(7, "Server " + i);
                    statement.setString(8, "{}");
                    statement.setString(9, "active");
                    statement.setString(10, "[]");
                    statement.setString(11, "production");
                    statement.setString(12, "[\"server\"]");
                    statement.setString(13, String.valueOf(100_000 + i));
                    statement.setString(14, "Server " + i);
                    statement.setString(15, "[\"server_token\"]");
                    statement.setBytes(16, sealed.clone());
                    statement.setInt(17, 1);
                    statement.setObject(18, now);
                    statement.setObject(19, now);
                    statement.setObject(20, now);
                    statement.setLong(21, 1);
                    statement.addBatch();
                    if (i % 1000 == 999 || i == count - 1) {
                        statement.executeBatch();
                        connection.commit();
                    }
                    if (count >= 100_000 && (i + 1) % 100_000 == 0) {
                        System.out.printf("bench: store: %,d of %,d accounts seeded%n", i + 1, count);
                    }
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        String[] bigIds = big.toArray(String[]::new);
        Arrays.sort(bigIds);
        return new Seeded(ids, bigIds);
    }

    // random-looking ids like the core's, made unique by the sequence number at the end
    private static String newId(SplittableRandom random, int sequence) {
        StringBuilder id = new StringBuilder("acc_");
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.append('_').append(Integer.toString(sequence, 36)).toString();
    }
}
