package org.connectorhub.hub.providerevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The setting's refusals over HTTP, on a hub whose public URL Postmark cannot reach (the default
 * localhost, HUB_PROVIDER_EVENTS_ALLOW_PRIVATE unset): a clear 4xx and nothing stored.
 */
class ProviderEventSettingsApiTest {
    private static final String API_KEY = "test-provider-events-settings-key";

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.withApiKey(API_KEY);

    private static Response put(Object body) {
        return running.client().put("/v1/provider_events", API_KEY, body);
    }

    private static void nothingStored() {
        Response settings = running.client().get("/v1/provider_events", API_KEY);
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.json().size()).isZero();
    }

    @Test
    void aPublicUrlPostmarkCannotReachIsRefused() {
        Response refused = put(Map.of("postmark", Map.of("triggers", List.of("bounce"))));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("public_url_unreachable");
        assertThat(refused.json().path("detail").asText()).contains("HUB_PUBLIC_URL");
        nothingStored();
        // turning everything off needs no reachable URL
        assertThat(put(Map.of()).status()).isEqualTo(200);
        nothingStored();
    }

    @Test
    void badInputIsAClear4xxAndStoresNothing() {
        assertThat(put(Map.of("mailchimp", Map.of("triggers", List.of()))).code()).isEqualTo("invalid_input");
        assertThat(put(Map.of("postmark", Map.of("triggers", List.of("explode")))).code()).isEqualTo("invalid_input");
        assertThat(put(Map.of("postmark", Map.of("triggers", "bounce"))).status()).isIn(400, 422);
        assertThat(put(Map.of("postmark", Map.of("inbound", "yes"))).status()).isIn(400, 422);
        assertThat(put(Map.of("postmark", Map.of("colour", "red"))).code()).isEqualTo("invalid_input");
        assertThat(put(Map.of("postmark", Map.of("message_streams", List.of("../x")))).code()).isEqualTo("invalid_input");
        assertThat(put(List.of(1)).status()).isEqualTo(400);
        HubClient api = running.client();
        assertThat(api.get("/v1/provider_events", null).status()).isEqualTo(401);
        assertThat(api.put("/v1/provider_events", "wrong", Map.of()).status()).isEqualTo(401);
        nothingStored();
    }
}
