package org.connectorhub.hub.health;

import org.connectorhub.hub.config.RecheckSettings;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.port.in.VerifyAccountUseCase;
import org.connectorhub.core.port.in.VerifyResult;
import org.connectorhub.hub.health.RecheckStore.Due;
import org.connectorhub.hub.lifecycle.GracefulShutdown;
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

    private final RecheckStore store;
    private final VerifyAccountUseCase verifier;
    private final Clock clock;
    private final RecheckSettings settings;
    private final MeterRegistry meters;
    private final Map<String, ExecutorService> pools = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;

    @Inject
    public HealthRecheckScheduler(RecheckStore store, VerifyAccountUseCase verifier, Clock clock, RecheckSettings settings,
            MeterRegistry meters) {
        this.store = requireNonNull(store, "store is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
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
        for (Due due : store.due(horizon, BATCH)) {
            if (store.claim(due, now.plus(settings.interval()))) {
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
        for (String accountId : store.unscheduled(BATCH * 4)) {
            long offset = ThreadLocalRandom.current().nextLong(Math.max(1, settings.interval().toMillis()));
            store.schedule(accountId, now.plusMillis(offset));
        }
    }

    private void record(String accountId, Instant next, Instant checkedAt, String outcome) {
        try {
            store.record(accountId, next, checkedAt, outcome);
        } catch (StoreException e) {
            LOG.warn("could not record the re-check of {}: {}", accountId, e.getMessage());
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

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
