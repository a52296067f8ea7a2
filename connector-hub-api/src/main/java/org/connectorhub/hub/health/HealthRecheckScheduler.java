package org.connectorhub.hub.health;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.port.in.VerifyAccountUseCase;
import org.connectorhub.core.port.in.VerifyResult;
import org.connectorhub.hub.lifecycle.GracefulShutdown;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.connectorhub.hub.storage.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-verifies stored production accounts through {@link VerifyAccountUseCase#reverify}, each about
 * once per {@link RecheckSettings#interval()}: an account's first check falls at a random point of
 * the interval (so a thousand accounts linked at once are not checked at once), later ones an
 * interval (give or take a tenth) after the last. At most
 * {@link RecheckSettings#concurrencyPerProvider()} checks run at once per provider. Test-mode
 * accounts are not re-checked. The core decides what a result means (a rejection makes the
 * account {@code invalid}, an outage keeps the status); the account store's listener turns a
 * status change into {@code account.status_changed}. A check is claimed with a compare-and-set on
 * {@code account_health.version}, so several hubs never check the same account in one round.
 */
@Singleton
public final class HealthRecheckScheduler implements Lifecycle {
    /** Checks in flight finish (bounded by the connector's timeouts) before the database closes. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(HealthRecheckScheduler.class);
    private static final int BATCH = 500;
    private static final Duration OUTAGE_RETRY = Duration.ofHours(1);

    private final DataSource dataSource;
    private final VerifyAccountUseCase verifier;
    private final Clock clock;
    private final RecheckSettings settings;
    private final MeterRegistry meters;
    private final Map<String, ExecutorService> pools = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;

    @Inject
    public HealthRecheckScheduler(DataSource dataSource, VerifyAccountUseCase verifier, Clock clock, HubConfig config,
            MeterRegistry meters) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = RecheckSettings.from(requireNonNull(config, "config is null"));
    }

    @Override
    public int phase() {
        return BOOTSTRAP + 70;
    }

    @Override
    public synchronized void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("hub-recheck-tick"));
        long tick = settings.tick().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (ticker != null) {
            GracefulShutdown.stop(ticker, STOP_GRACE);
            ticker = null;
        }
        pools.values().forEach(pool -> GracefulShutdown.stop(pool, STOP_GRACE));
        pools.clear();
    }

    public RecheckSettings settings() {
        return settings;
    }

    /** Checks the accounts due now. */
    public RecheckPass runOnce() {
        return runOnce(clock.instant());
    }

    /**
     * Checks the accounts due by {@code horizon}, and waits for the checks. A horizon an interval
     * ahead checks every production account now (operators, tests).
     */
    public RecheckPass runOnce(Instant horizon) {
        requireNonNull(horizon, "horizon is null");
        Instant now = clock.instant();
        enroll(now);
        List<Future<Outcome>> running = new ArrayList<>();
        for (Due due : due(horizon)) {
            if (claim(due, now.plus(settings.interval()))) {
                ExecutorService pool = pools.computeIfAbsent(due.provider(),
                        provider -> Executors.newFixedThreadPool(settings.concurrencyPerProvider(),
                                daemon("hub-recheck-" + provider)));
                running.add(pool.submit(() -> check(due)));
            }
        }
        List<String> verified = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Future<Outcome> future : running) {
            try {
                Outcome outcome = future.get();
                switch (outcome.kind()) {
                    case "verified" -> verified.add(outcome.accountId());
                    case "rejected" -> rejected.add(outcome.accountId());
                    case "unavailable" -> unavailable.add(outcome.accountId());
                    default -> failed.add(outcome.accountId());
                }
            } catch (ExecutionException e) {
                LOG.warn("a re-check failed: {}", e.getCause().getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new RecheckPass(verified, rejected, unavailable, failed);
    }

    private void tick() {
        try {
            RecheckPass pass = runOnce();
            if (pass.checked() > 0) {
                LOG.info("re-checked {} accounts: {} verified, {} rejected, {} unavailable, {} failed", pass.checked(),
                        pass.verified().size(), pass.rejected().size(), pass.unavailable().size(), pass.failed().size());
            }
        } catch (RuntimeException e) {
            LOG.warn("re-check round failed: {}", e.getClass().getSimpleName());
        }
    }

    private record Due(String accountId, String projectId, String provider, long version) {
    }

    private record Outcome(String accountId, String kind) {
    }

    private Outcome check(Due due) {
        Instant started = clock.instant();
        String kind;
        Instant next;
        try {
            VerifyResult result = verifier.reverify(due.projectId(), due.accountId());
            VerificationOutcome outcome = result.outcome();
            if (outcome instanceof VerificationOutcome.Unavailable) {
                kind = "unavailable";
                next = started.plus(min(settings.interval(), OUTAGE_RETRY));
            } else {
                kind = outcome instanceof VerificationOutcome.Verified ? "verified" : "rejected";
                next = started.plus(spread(settings.interval()));
            }
        } catch (AccountNotFoundException gone) {
            // deleted meanwhile; its row went with it
            return new Outcome(due.accountId(), "gone");
        } catch (RuntimeException e) {
            // a concurrent change (version conflict) or the database: try again after a short while
            LOG.warn("re-check of {} failed: {}", due.accountId(), e.getClass().getSimpleName());
            kind = "failed";
            next = started.plus(min(settings.interval(), Duration.ofMinutes(5)));
        }
        record(due.accountId(), next, started, kind);
        Counter.builder("hub.rechecks").description("Scheduled re-checks of stored accounts by outcome")
                .tag("provider", due.provider()).tag("outcome", kind).register(meters).increment();
        return new Outcome(due.accountId(), kind);
    }

    /** Production accounts without a schedule get one: a random point within the interval. */
    private void enroll(Instant now) {
        List<String> fresh = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT a.id FROM accounts a "
                        + "LEFT JOIN account_health h ON h.account_id = a.id "
                        + "WHERE h.account_id IS NULL AND a.account_mode = 'production' LIMIT ?")) {
            select.setInt(1, BATCH * 4);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    fresh.add(row.getString(1));
                }
            }
            for (String accountId : fresh) {
                long offset = ThreadLocalRandom.current().nextLong(Math.max(1, settings.interval().toMillis()));
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account_health "
                        + "(account_id, next_check_at, version) VALUES (?, ?, 0)")) {
                    insert.setString(1, accountId);
                    setInstant(insert, 2, now.plusMillis(offset));
                    insert.executeUpdate();
                } catch (SQLException raced) {
                    // another hub enrolled it first, or the account is gone: either way nothing to do
                    LOG.debug("account {} not enrolled: {}", accountId, raced.getSQLState());
                }
            }
        } catch (SQLException e) {
            throw new StoreException("enroll accounts for re-checks", e);
        }
    }

    private List<Due> due(Instant horizon) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT a.id, a.project_id, a.provider, "
                        + "h.version FROM account_health h JOIN accounts a ON a.id = h.account_id "
                        + "WHERE h.next_check_at <= ? AND a.account_mode = 'production' "
                        // a suspended account is asked nothing until it is resumed (resuming checks it)
                        + "AND a.status <> 'suspended' "
                        + "ORDER BY h.next_check_at LIMIT ?")) {
            setInstant(statement, 1, horizon);
            statement.setInt(2, BATCH);
            List<Due> due = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    due.add(new Due(row.getString(1), row.getString(2), row.getString(3), row.getLong(4)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new StoreException("find accounts due for a re-check", e);
        }
    }

    /** Moves the account's next check ahead; only one hub (and one round) wins the row. */
    private boolean claim(Due due, Instant provisionalNext) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE account_health "
                        + "SET next_check_at = ?, version = version + 1 WHERE account_id = ? AND version = ?")) {
            setInstant(statement, 1, provisionalNext);
            statement.setString(2, due.accountId());
            statement.setLong(3, due.version());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("claim a re-check", e);
        }
    }

    private void record(String accountId, Instant next, Instant checkedAt, String outcome) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE account_health "
                        + "SET next_check_at = ?, last_checked_at = ?, last_outcome = ? WHERE account_id = ?")) {
            setInstant(statement, 1, next);
            setInstant(statement, 2, checkedAt);
            statement.setString(3, outcome);
            statement.setString(4, accountId);
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("could not record the re-check of {}: {}", accountId, e.getSQLState());
        }
    }

    /** The interval, give or take a tenth, so checks that fell together drift apart. */
    private static Duration spread(Duration interval) {
        long millis = interval.toMillis();
        long tenth = Math.max(1, millis / 10);
        return Duration.ofMillis(millis - tenth + ThreadLocalRandom.current().nextLong(2 * tenth + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
