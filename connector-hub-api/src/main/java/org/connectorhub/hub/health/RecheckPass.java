package org.connectorhub.hub.health;

import java.util.List;

/** What one pass of the scheduler did: the accounts it re-checked, by what the provider said. */
public record RecheckPass(List<String> verified, List<String> rejected, List<String> unavailable, List<String> failed) {
    public RecheckPass {
        verified = List.copyOf(verified);
        rejected = List.copyOf(rejected);
        unavailable = List.copyOf(unavailable);
        failed = List.copyOf(failed);
    }

    public int checked() {
        return verified.size() + rejected.size() + unavailable.size() + failed.size();
    }
}
