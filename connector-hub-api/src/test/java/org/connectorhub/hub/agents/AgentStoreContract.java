package org.connectorhub.hub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.projects.JdbcProjectStore;
import org.connectorhub.hub.storage.StoreContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the agent token and usage stores must do, on every database the hub runs on. */
abstract class AgentStoreContract extends StoreContract {
    static final Instant NOW = Instant.parse("2026-03-04T10:20:30.123456Z");

    AgentTokenStore tokens;
    AgentUsageStore usage;
    String projectId;

    @BeforeEach
    void stores() {
        tokens = new JdbcAgentTokenStore(database().dataSource());
        usage = new JdbcAgentUsageStore(database().dataSource());
        projectId = new JdbcProjectStore(database().dataSource()).create("Agents", ApiKeys.hash(ApiKeys.newApiKey())).id();
    }

    AgentToken token(AgentPolicy policy) {
        return new AgentToken(ApiKeys.newId("agtk_"), projectId, Optional.of("acc_1"), Optional.empty(),
                Optional.of("support bot"), Optional.of(List.of("send_email")), policy, NOW, NOW.plusSeconds(3600),
                Optional.empty());
    }

    @Test
    void aTokenIsFoundByItsHashWithEverythingItWasMintedWith() {
        AgentPolicy policy = new AgentPolicy(OptionalInt.of(10), OptionalInt.of(20), List.of("example.com"),
                List.of("a@example.com"), true);
        AgentToken token = token(policy);
        tokens.insert(token, "hash-" + token.id());

        assertThat(tokens.findByHash("hash-" + token.id())).contains(token);
        assertThat(tokens.findByHash("other")).isEmpty();
        assertThat(tokens.list(projectId, 10)).containsExactly(token);
    }

    @Test
    void revokingMarksItOnceAndOnlyInItsProject() {
        AgentToken token = token(AgentPolicy.NONE);
        tokens.insert(token, "hash-" + token.id());

        assertThat(tokens.revoke("prj_other", token.id(), NOW)).isFalse();
        assertThat(tokens.revoke(projectId, token.id(), NOW.plusSeconds(1))).isTrue();
        assertThat(tokens.revoke(projectId, token.id(), NOW.plusSeconds(2))).isTrue();
        assertThat(tokens.findByHash("hash-" + token.id()).orElseThrow().revokedAt()).contains(NOW.plusSeconds(1));
        assertThat(tokens.revoke(projectId, "agtk_missing", NOW)).isFalse();
    }

    @Test
    void callsAndRecipientsAreCountedTogetherOrNotAtAll() {
        AgentToken token = token(AgentPolicy.NONE);
        tokens.insert(token, "hash-" + token.id());

        assertThat(usage.reserve(token.id(), NOW, OptionalInt.of(3), 4, OptionalInt.of(5))).isEmpty();
        assertThat(usage.reserve(token.id(), NOW, OptionalInt.of(3), 2, OptionalInt.of(5)))
                .contains(AgentUsageStore.RECIPIENTS_PER_DAY);
        // the refused reservation counted no call either
        assertThat(usage.usage(token.id(), NOW)).isEqualTo(new AgentUsageStore.Usage(1, 4));
        assertThat(usage.reserve(token.id(), NOW, OptionalInt.of(3), 0, OptionalInt.of(5))).isEmpty();
        assertThat(usage.reserve(token.id(), NOW, OptionalInt.of(3), 0, OptionalInt.of(5))).isEmpty();
        assertThat(usage.reserve(token.id(), NOW, OptionalInt.of(3), 0, OptionalInt.of(5)))
                .contains(AgentUsageStore.CALLS_PER_HOUR);
        // the next hour starts again; the day does not
        Instant nextHour = NOW.plusSeconds(3600);
        assertThat(usage.reserve(token.id(), nextHour, OptionalInt.of(3), 2, OptionalInt.of(5)))
                .contains(AgentUsageStore.RECIPIENTS_PER_DAY);
        usage.releaseRecipients(token.id(), NOW, 4);
        assertThat(usage.reserve(token.id(), nextHour, OptionalInt.of(3), 2, OptionalInt.of(5))).isEmpty();
        assertThat(usage.usage(token.id(), nextHour)).isEqualTo(new AgentUsageStore.Usage(1, 2));
    }

    @Test
    void concurrentReservationsNeverGoOverTheLimit() throws Exception {
        AgentToken token = token(AgentPolicy.NONE);
        tokens.insert(token, "hash-" + token.id());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Callable<Boolean> reserve = () -> usage.reserve(token.id(), NOW, OptionalInt.empty(), 1, OptionalInt.of(10))
                    .isEmpty();
            List<Future<Boolean>> results = pool.invokeAll(java.util.Collections.nCopies(40, reserve));
            long granted = 0;
            for (Future<Boolean> result : results) {
                granted += result.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(10);
            assertThat(usage.usage(token.id(), NOW).recipientsToday()).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }
}
