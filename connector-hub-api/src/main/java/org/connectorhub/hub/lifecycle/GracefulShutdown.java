package org.connectorhub.hub.lifecycle;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops background threads without interrupting work in progress. An interrupt that lands while
 * a thread is inside the embedded H2 database closes the whole database (its file channel is
 * interruptible), so running tasks get a grace period to finish first.
 */
public final class GracefulShutdown {
    private GracefulShutdown() {
    }

    /** Lets running tasks finish within {@code grace}; interrupts only what is still running then. */
    public static void stop(ExecutorService executor, Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
