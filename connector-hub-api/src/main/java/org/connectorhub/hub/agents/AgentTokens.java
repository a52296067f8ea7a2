package org.connectorhub.hub.agents;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.storage.Jdbc;

/**
 * Mints, lists, revokes and opens agent tokens. A token is {@code agt_} and 256 random bits,
 * answered once and stored as its SHA-256 hash; opening one reads the database every time, so a
 * revocation on one hub holds at once on all.
 */
public final class AgentTokens {
    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(30);
    public static final Duration MAX_EXPIRY = Duration.ofDays(365);
    static final int LIST_LIMIT = 1000;

    /** A token just minted: the secret, shown this once. */
    public record Minted(AgentToken token, String secret) {
        @Override
        public String toString() {
            return "Minted{" + token.id() + "}";
        }
    }

    private final AgentTokenStore store;
    private final Clock clock;

    @Inject
    public AgentTokens(AgentTokenStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Minted mint(String projectId, Optional<String> accountId, Optional<String> originOwnerId,
            Optional<String> name, Optional<List<String>> allowedActions, AgentPolicy policy, Duration expiresIn) {
        Instant now = Jdbc.micros(clock.instant());
        AgentToken token = new AgentToken(ApiKeys.newId("agtk_"), projectId, accountId, originOwnerId, name,
                allowedActions, policy, now, now.plus(expiresIn), Optional.empty());
        String secret = AgentToken.PREFIX + ApiKeys.newApiKey().substring(ApiKeys.API_KEY_PREFIX.length());
        store.insert(token, ApiKeys.hash(secret));
        return new Minted(token, secret);
    }

    public List<AgentToken> list(String projectId) {
        return store.list(projectId, LIST_LIMIT);
    }

    public boolean revoke(String projectId, String tokenId) {
        return store.revoke(projectId, tokenId, Jdbc.micros(clock.instant()));
    }

    /** The usable token presented, if any: known, not revoked, not expired. Only {@code agt_} values are looked up. */
    public Optional<AgentToken> open(String presented) {
        if (presented == null || !presented.startsWith(AgentToken.PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.findByHash(ApiKeys.hash(presented)).filter(token -> token.usableAt(now));
    }

    public Instant now() {
        return clock.instant();
    }
}
