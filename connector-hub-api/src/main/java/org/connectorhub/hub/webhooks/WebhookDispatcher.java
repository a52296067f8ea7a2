package org.connectorhub.hub.webhooks;

import org.connectorhub.hub.config.WebhookSettings;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.hub.lifecycle.GracefulShutdown;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: polls for due deliveries, claims each with an atomic update (so several hubs
 * never send the same one at once), signs and posts it, and records the attempt. A failed attempt
 * is retried with exponential backoff and jitter until {@link WebhookSettings#retryFor()} after the
 * event; an account's next event to an endpoint waits until the previous one is delivered or
 * given up. Delivery is at least once: a hub that dies mid-request leaves a claim that expires.
 */
@Singleton
public final class WebhookDispatcher implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final String USER_AGENT = "ConnectorHub-Webhooks/0.1";
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);
    private static final Duration KEEP_FINISHED = Duration.ofDays(30);

    private final WebhookStore store;
    private final SecretCipher cipher;
    private final Clock clock;
    private final WebhookSettings settings;
    private final WebhookUrlValidator urls;
    private final MeterRegistry meters;
    private final AtomicInteger sent = new AtomicInteger();
    private String owner;
    private final Object httpLock = new Object();
    private HttpClient http;
    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private Semaphore slots;
    private Instant lastPurge = Instant.EPOCH;

    @Inject
    public WebhookDispatcher(WebhookStore store, SecretCipher cipher, Clock clock, WebhookSettings settings,
            MeterRegistry meters) {
        this.store = requireNonNull(store, "store is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.urls = new WebhookUrlValidator(settings.allowPrivateAddresses());
    }

    @Override
    public int phase() {
        // after the database, the cipher and the bootstrap; before HTTP
        return BOOTSTRAP + 60;
    }

    @Override
    public synchronized void start() {
        owner = "hub-" + UUID.randomUUID();
        slots = new Semaphore(settings.concurrency());
        senders = Executors.newFixedThreadPool(settings.concurrency(), daemon("hub-webhook-send"));
        poller = Executors.newSingleThreadScheduledExecutor(daemon("hub-webhook-poll"));
        poller.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    // Built on the first delivery: the JDK client loads the TLS stack and trust store (~8% of a
    // start-up), which a hub with no webhook endpoints never needs. Its own lock: stop() holds
    // this object's monitor while it waits for the senders.
    private HttpClient http() {
        synchronized (httpLock) {
            if (http == null) {
                http = HttpClient.newBuilder()
                        .connectTimeout(settings.timeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
            }
            return http;
        }
    }

    @Override
    public synchronized void stop() {
        if (poller == null) {
            return;
        }
        // no interrupts while a send records its attempt: see GracefulShutdown
        GracefulShutdown.stop(poller, settings.timeout());
        GracefulShutdown.stop(senders, settings.timeout().plusSeconds(1));
        try {
            // what was in flight goes out again at once from the next hub, not after the claim expires
            store.releaseClaims(owner);
        } catch (RuntimeException e) {
            LOG.warn("could not release webhook claims: {}", e.getClass().getSimpleName());
        }
        poller = null;
        senders = null;
    }

    public WebhookSettings settings() {
        return settings;
    }

    /** Attempts made by this hub since start (any outcome); for tests and metrics. */
    public int attemptsMade() {
        return sent.get();
    }

    private void poll() {
        try {
            Instant now = clock.instant();
            int free = slots.availablePermits();
            if (free > 0) {
                for (long seq : store.findDue(now, free)) {
                    if (!slots.tryAcquire()) {
                        break;
                    }
                    Instant until = now.plus(settings.timeout()).plus(settings.timeout()).plus(CLAIM_MARGIN);
                    if (!store.claim(seq, owner, now, until)) {
                        slots.release();
                        continue;
                    }
                    senders.execute(() -> {
                        try {
                            send(seq);
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
            if (now.isAfter(lastPurge.plus(Duration.ofHours(1)))) {
                lastPurge = now;
                store.purgeFinished(now.minus(KEEP_FINISHED));
            }
        } catch (RuntimeException e) {
            // the database may be briefly away; the next poll tries again
            LOG.warn("webhook poll failed: {}", e.getClass().getSimpleName());
        }
    }

    private void send(long seq) {
        Optional<WebhookStore.Delivery> loaded = store.load(seq);
        if (loaded.isEmpty()) {
            return;
        }
        WebhookStore.Delivery delivery = loaded.get();
        int attempt = delivery.attempts() + 1;
        OptionalInt status = OptionalInt.empty();
        Optional<String> error = Optional.empty();
        try {
            status = OptionalInt.of(post(delivery));
            if (status.getAsInt() < 200 || status.getAsInt() > 299) {
                error = Optional.of("HTTP " + status.getAsInt());
            }
        } catch (HttpConnectTimeoutException e) {
            error = Optional.of("connect timeout");
        } catch (HttpTimeoutException e) {
            error = Optional.of("timeout");
        } catch (ConnectException e) {
            error = Optional.of("connection refused");
        } catch (WebhookUrlValidator.InvalidUrlException e) {
            error = Optional.of(e.getMessage());
        } catch (IOException e) {
            error = Optional.of("I/O error: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            // stopping: the claim is released and the delivery goes out again
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            error = Optional.of("error: " + e.getClass().getSimpleName());
        }
        sent.incrementAndGet();
        Instant now = clock.instant();
        if (error.isEmpty()) {
            count(DeliveryAttempt.DELIVERED);
            store.finish(delivery, owner, new DeliveryAttempt(delivery.eventId(), delivery.eventType(), attempt,
                    status, error, DeliveryAttempt.DELIVERED, now), Optional.empty());
            return;
        }
        Instant next = now.plus(jittered(settings.backoff(attempt)));
        boolean giveUp = next.isAfter(delivery.eventCreatedAt().plus(settings.retryFor()));
        count(giveUp ? DeliveryAttempt.FAILED : DeliveryAttempt.RETRYING);
        store.finish(delivery, owner, new DeliveryAttempt(delivery.eventId(), delivery.eventType(), attempt, status,
                error, giveUp ? DeliveryAttempt.FAILED : DeliveryAttempt.RETRYING, now),
                giveUp ? Optional.empty() : Optional.of(next));
        LOG.debug("webhook {} to endpoint {} attempt {} failed: {}", delivery.eventId(), delivery.endpointId(),
                attempt, error.get());
    }

    private int post(WebhookStore.Delivery delivery) throws IOException, InterruptedException {
        URI uri = URI.create(delivery.url());
        if (!settings.allowPrivateAddresses()) {
            // DNS may have changed since the endpoint was created
            urls.check(delivery.url());
        }
        String secret = new String(cipher.open(delivery.sealedSecret(),
                delivery.endpointId().getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        delivery.headers().forEach(request::header);
        request.header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(WebhookSignature.EVENT_ID_HEADER, delivery.eventId())
                .header(WebhookSignature.EVENT_TYPE_HEADER, delivery.eventType())
                .header(WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(secret, clock.instant().getEpochSecond(), body));
        return http().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void count(String outcome) {
        Counter.builder("hub.webhook.attempts").description("Webhook delivery attempts by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }

    /** Between half and all of the delay, so failed deliveries do not retry in lockstep. */
    private static Duration jittered(Duration delay) {
        long millis = Math.max(1, delay.toMillis());
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis - millis / 2 + 1));
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
