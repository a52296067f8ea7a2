package org.connectorhub.hub.operability;

import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.http.HttpServer;
import org.connectorhub.hub.http.RouteTable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health, readiness, metrics and the OpenAPI document, which must list exactly the API routes. */
class OperabilityTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.withApiKey(API_KEY);

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
    }

    @Test
    void healthAndReadinessNeedNoKey() {
        Response health = api.get("/healthz", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("ok");

        Response ready = api.get("/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("database").asText()).isEqualTo("up");
    }

    @Test
    void metricsCountRequestsAndVerificationOutcomesByProvider() {
        api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "metrics",
                "credentials", Map.of("server_token", postmark.addServer("Metrics").serverToken())));
        api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "metrics",
                "credentials", Map.of("server_token", "33333333-3333-4333-8333-333333333333")));

        String accountId = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "metrics",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST"))).json().path("id").asText();
        api.post("/v1/accounts/" + accountId + "/actions/send_email", API_KEY, Map.of("from", "a@example.com",
                "to", "b@example.com", "subject", "Metrics", "text_body", "Hi"));

        Response metrics = api.get("/metrics", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body())
                .containsPattern("hub_verifications_total\\{[^}]*outcome=\"verified\"[^}]*provider=\"postmark\"[^}]*} [1-9]")
                .containsPattern("hub_verifications_total\\{[^}]*outcome=\"rejected\"[^}]*provider=\"postmark\"[^}]*} [1-9]")
                .contains("hub_provider_verification_seconds_count")
                .containsPattern("hub_actions_seconds_count\\{[^}]*action=\"send_email\"[^}]*outcome=\"ok\"[^}]*} [1-9]")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*route=\"/v1/accounts\"")
                // the JVM's own: heap in use, allocation between collections (what the benchmarks divide by calls)
                .containsPattern("jvm_memory_used_bytes\\{[^}]*area=\"heap\"")
                .contains("jvm_gc_memory_allocated_bytes_total")
                .contains("jvm_threads_live_threads")
                .contains("process_cpu_usage");
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRegisteredApiRoutes() {
        Response response = api.get("/openapi.json", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode document = response.json();
        assertThat(document.path("openapi").asText()).startsWith("3.1");

        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
        }
        Set<String> registered = new TreeSet<>();
        hub.instance(HttpServer.class).routes().stream()
                .filter(RouteTable.Route::documented)
                .forEach(route -> registered.add(route.method() + " " + route.path()));

        assertThat(registered).isNotEmpty();
        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void everyDocumentedOperationAnswersWithADocumentedStatusForAnAnonymousCall() {
        JsonNode document = api.get("/openapi.json", null).json();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (!operation.getKey().equals("get")) {
                return;
            }
            String concrete = path.getKey().replace("{provider}", "postmark").replace("{id}", "acc_missing")
                    .replace("{path}", "server");
            int status = api.get(concrete, null).status();
            assertThat(operation.getValue().path("responses").has(String.valueOf(status)))
                    .as("GET %s answered %d", concrete, status).isTrue();
        }));
    }
}
