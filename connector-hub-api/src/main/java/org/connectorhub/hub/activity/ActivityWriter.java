package org.connectorhub.hub.activity;

import org.connectorhub.hub.config.ActivitySettings;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.connectorhub.core.domain.ActivityEntry;
import org.connectorhub.core.port.out.ActivityRecorder;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's {@link ActivityRecorder}: {@link #record} puts the entry in a bounded queue and returns
 * (no I/O, no lock held for long); one thread takes what arrives within 50 ms, up to a batch, and
 * writes it in one transaction. When the queue is full the oldest entry is dropped (counted in
 * {@code hub.activity.dropped}): an action is never slowed or failed by its log. A write that fails
 * loses that batch (counted in {@code hub.activity.failed}) and the writer goes on. {@link #stop}
 * writes everything still queued. Bodies, when kept, are redacted and cut here, off the request path.
 */
@Singleton
public final class ActivityWriter implements ActivityRecorder, Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ActivityWriter.class);
    private static final long POLL_MILLIS = 100;
    /** How long a batch waits for more entries after its first; an entry is listed this much later at most. */
    static final long LINGER_MILLIS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SECRET_NAME_PARTS = List.of("token", "password", "secret", "api_key", "apikey",
            "authorization", "credential", "private_key");

    private final ActivityStore store;
    private final ActivitySettings settings;
    private final BlockingQueue<ActivityEntry> queue;
    private final Counter dropped;
    private final Counter written;
    private final Counter failed;
    private volatile boolean running;
    private Thread thread;

    @Inject
    public ActivityWriter(ActivityStore store, ActivitySettings settings, MeterRegistry meters) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.dropped = Counter.builder("hub.activity.dropped")
                .description("Activity entries dropped because the writer fell behind").register(meters);
        this.written = Counter.builder("hub.activity.written").description("Activity entries written").register(meters);
        this.failed = Counter.builder("hub.activity.failed")
                .description("Activity entries lost to a failed database write").register(meters);
        Gauge.builder("hub.activity.queued", queue, BlockingQueue::size)
                .description("Activity entries waiting to be written").register(meters);
    }

    @Override
    public void record(ActivityEntry entry) {
        requireNonNull(entry, "entry is null");
        if (!settings.enabled()) {
            return;
        }
        while (!queue.offer(entry)) {
            // full: the oldest goes, the newest stays (what happened last is what someone asks about)
            if (queue.poll() != null) {
                dropped.increment();
            }
        }
    }

    @Override
    public boolean keepsBodies() {
        return settings.bodies();
    }

    /** Entries dropped so far because the queue was full. */
    public long droppedCount() {
        return (long) dropped.count();
    }

    @Override
    public int phase() {
        // after the database, before HTTP; stopped after HTTP (in-flight calls have recorded) and before the database
        return BOOTSTRAP + 60;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "hub-activity-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        // whatever the thread could not write before the deadline is written here, once
        flush();
    }

    /** Writes everything queued now, on the caller's thread. */
    public void flush() {
        List<ActivityEntry> batch = new ArrayList<>();
        while (queue.drainTo(batch, settings.batchSize()) > 0) {
            write(batch);
            batch.clear();
        }
    }

    private void run() {
        List<ActivityEntry> batch = new ArrayList<>(settings.batchSize());
        while (running || !queue.isEmpty()) {
            try {
                ActivityEntry first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                fill(batch);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("activity writer: {}", e.getClass().getSimpleName());
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Adds what arrives within {@link #LINGER_MILLIS} of the first entry, up to a batch: a commit on
     * H2 rewrites a page of the table and of each of its indexes, so ten entries per commit cost about
     * as much as one (scenario 1d: at 32 connections the writer fell behind and dropped entries).
     */
    private void fill(List<ActivityEntry> batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
        int max = settings.batchSize();
        while (batch.size() < max) {
            queue.drainTo(batch, max - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= max || left <= 0 || !running) {
                return;
            }
            ActivityEntry next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private void write(List<ActivityEntry> batch) {
        List<ActivityEntry> prepared = settings.bodies() ? batch.stream().map(ActivityWriter::redacted).toList() : batch;
        try {
            store.insert(prepared);
            written.increment(prepared.size());
        } catch (RuntimeException e) {
            failed.increment(prepared.size());
            // no entry content in the log line: counts and the failure's kind only
            LOG.warn("{} activity entries not written: {}", prepared.size(), e.getClass().getSimpleName());
        }
    }

    private static ActivityEntry redacted(ActivityEntry entry) {
        if (entry.requestBody().isEmpty() && entry.responseBody().isEmpty()) {
            return entry;
        }
        return new ActivityEntry(entry.id(), entry.at(), entry.projectId(), entry.accountId(), entry.provider(),
                entry.kind(), entry.what(), entry.caller(), entry.status(), entry.code(), entry.durationMicros(),
                entry.providerIds(), entry.idempotencyKey(), entry.replay(), entry.requestBody().map(ActivityWriter::redact),
                entry.responseBody().map(ActivityWriter::redact));
    }

    /** Members named like a credential are removed at any depth; the result is cut at 16 KB. */
    static String redact(String body) {
        String text;
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                return "";
            }
            strip(node);
            text = JSON.writeValueAsString(node);
        } catch (IOException notJson) {
            // never store text we cannot inspect
            return "[not JSON: left out]";
        }
        return text.length() <= ActivitySettings.MAX_BODY_CHARS ? text
                : text.substring(0, ActivitySettings.MAX_BODY_CHARS) + "...[cut]";
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<String> names = object.fieldNames();
            List<String> secret = new ArrayList<>();
            while (names.hasNext()) {
                String name = names.next();
                if (secretName(name)) {
                    secret.add(name);
                }
            }
            object.remove(secret);
            object.forEach(ActivityWriter::strip);
        } else if (node.isArray()) {
            node.forEach(ActivityWriter::strip);
        }
    }

    private static boolean secretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace("-", "_");
        return SECRET_NAME_PARTS.stream().anyMatch(lower::contains);
    }
}
