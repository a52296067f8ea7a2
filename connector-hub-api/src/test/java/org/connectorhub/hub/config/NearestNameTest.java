package org.connectorhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNameTest {
    private static final List<String> KNOWN = List.of("HUB_PORT", "HUB_HOST", "HUB_DB_URL", "HUB_POSTMARK_BASE_URL");

    @Test
    void aSwapCountsAsOneEdit() {
        assertThat(NearestName.distance("HUB_PROT", "HUB_PORT")).isEqualTo(1);
        assertThat(NearestName.distance("HUB_PORT", "HUB_PORT")).isZero();
        assertThat(NearestName.distance("HUB_POTR", "HUB_PORT")).isEqualTo(1);
        assertThat(NearestName.distance("", "ABC")).isEqualTo(3);
    }

    @Test
    void suggestsTheClosestKnownNameWhenItIsClose() {
        assertThat(NearestName.of("HUB_PROT", KNOWN)).contains("HUB_PORT");
        assertThat(NearestName.of("HUB_DB_ULR", KNOWN)).contains("HUB_DB_URL");
        assertThat(NearestName.of("HUB_POSTMRK_BASE_URL", KNOWN)).contains("HUB_POSTMARK_BASE_URL");
        assertThat(NearestName.of("HUB_SENDGRID_API_KEY", KNOWN)).isEmpty();
    }
}
