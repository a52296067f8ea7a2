package org.connectorhub.hub.activity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.connectorhub.core.domain.ActivityEntry;

/** Where activity entries live. Every read is scoped to a project. */
public interface ActivityStore {
    /** Writes the entries in one transaction. */
    void insert(List<ActivityEntry> entries);

    Optional<ActivityEntry> find(String projectId, String id);

    /** Newest first; the list holds one more entry than asked when there is a next page. */
    List<ActivityEntry> list(ActivityQuery query);

    /** Deletes at most {@code limit} of the oldest entries from before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff, int limit);
}
