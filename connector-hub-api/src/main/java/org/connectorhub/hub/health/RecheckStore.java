package org.connectorhub.hub.health;

import java.time.Instant;
import java.util.List;

/** The re-check schedule of production accounts ({@code account_health}), shared by every hub. */
public interface RecheckStore {
    /** An account due for a check; {@code version} is what a claim compares against. */
    record Due(String accountId, String projectId, String provider, long version) {
    }

    /** Up to {@code limit} production accounts that have no schedule yet. */
    List<String> unscheduled(int limit);

    /** Gives the account its first check; false when another hub did first or the account is gone. */
    boolean schedule(String accountId, Instant firstCheckAt);

    /** Up to {@code limit} production accounts due by {@code horizon}, the earliest first. */
    List<Due> due(Instant horizon, int limit);

    /** Moves the account's next check ahead if its version is still {@code due.version()}: one hub wins. */
    boolean claim(Due due, Instant provisionalNext);

    /** Records a finished check and when the next one falls. */
    void record(String accountId, Instant next, Instant checkedAt, String outcome);
}
