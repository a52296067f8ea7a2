package org.connectorhub.hub.webhooks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.TestHub;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.testkit.postmark.FakePostmark;

/** Test settings: loopback receivers allowed, retries after milliseconds, a fast poll. */
public final class WebhookTestKit {
    private WebhookTestKit() {
    }

    public static HubConfig fastConfig(FakePostmark postmark, Path dataDir) {
        return config(postmark, dataDir, null);
    }

    public static HubConfig config(FakePostmark postmark, Path dataDir, String apiKey) {
        return builder(postmark, dataDir, apiKey).build();
    }

    public static HubConfig.Builder builder(FakePostmark postmark, Path dataDir, String apiKey) {
        return TestHub.config(postmark, dataDir, apiKey)
                .connector("webhooks", "allow_private", "true")
                .connector("webhooks", "retry_base", "20ms")
                .connector("webhooks", "retry_max_delay", "100ms")
                .connector("webhooks", "poll_interval", "20ms")
                .connector("webhooks", "timeout", "2s");
    }

    /** A fresh project (so tests do not see each other's events); returns its API key. */
    public static String newProject(TestHub hub) {
        String key = ApiKeys.newApiKey();
        hub.instance(ProjectStore.class).create("Webhooks " + key.substring(key.length() - 6), ApiKeys.hash(key));
        return key;
    }

    /** Adds an endpoint for the receiver; returns the creation answer (with the secret). */
    public static HubClient.Response addEndpoint(HubClient api, String apiKey, String url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        HubClient.Response response = api.post("/v1/webhooks", apiKey, body);
        if (response.status() != 201) {
            throw new AssertionError("endpoint not created: " + response);
        }
        return response;
    }

    public static Map<String, Object> link(String owner, String serverToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", "postmark");
        body.put("origin_owner_id", owner);
        body.put("origin_owner_name", "Owner " + owner);
        body.put("credentials", Map.of("server_token", serverToken));
        return body;
    }

    public static String linkAccount(HubClient api, String apiKey, String owner, String serverToken) {
        HubClient.Response response = api.post("/v1/accounts", apiKey, link(owner, serverToken));
        if (response.status() != 201) {
            throw new AssertionError("account not linked: " + response);
        }
        return response.json().path("id").asText();
    }
}
