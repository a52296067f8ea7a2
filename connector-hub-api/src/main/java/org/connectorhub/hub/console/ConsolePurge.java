package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.time.Instant;
import org.connectorhub.hub.operability.HousekeepingTask;

/** Housekeeping: console sessions idle past their expiry and sign-in links that expired unused. */
public final class ConsolePurge implements HousekeepingTask {
    private final ConsoleSessionStore store;

    @Inject
    public ConsolePurge(ConsoleSessionStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public String name() {
        return "console-sessions";
    }

    @Override
    public int run(Instant now) {
        Instant idle = now.minus(ConsoleSignIn.IDLE_EXPIRY);
        return HousekeepingTask.inBatches(batch -> store.deleteIdleSessions(idle, batch))
                + HousekeepingTask.inBatches(batch -> store.deleteExpiredLinks(now, batch));
    }
}
