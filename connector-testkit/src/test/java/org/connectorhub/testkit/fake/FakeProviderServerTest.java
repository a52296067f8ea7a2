package org.connectorhub.testkit.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeProviderServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeProviderServer fake;
    private HttpClient client;

    @BeforeEach
    void start() {
        fake = FakeProviderServer.start();
        fake.route("GET", "/servers/{id}", request ->
                FakeResponse.json(200, "{\"ID\":" + request.pathParams().get("id") + "}"));
        fake.route("GET", "/servers/current", request -> FakeResponse.json(200, "{\"current\":true}"));
        fake.route("POST", "/echo", request -> FakeResponse.json(201, request.body()));
        fake.route("GET", "/ok", request -> FakeResponse.json(200, "{\"ok\":true}"));
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void listensOnLoopbackWithBaseUriWithoutTrailingSlash() {
        assertThat(fake.baseUri().toString()).isEqualTo("http://127.0.0.1:" + fake.port());
        assertThat(fake.port()).isPositive();
    }

    @Test
    void routeAnswersWithPathParameters() throws Exception {
        HttpResponse<String> response = get("/servers/42");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(JSON.readTree(response.body()).get("ID").asLong()).isEqualTo(42);
    }

    @Test
    void trailingSlashIsAccepted() throws Exception {
        assertThat(get("/servers/7/").body()).isEqualTo("{\"ID\":7}");
    }

    @Test
    void moreLiteralTemplateWins() throws Exception {
        assertThat(get("/servers/current").body()).isEqualTo("{\"current\":true}");
    }

    @Test
    void pathCaseMattersUnlessIgnored() throws Exception {
        assertThat(get("/SERVERS/current").statusCode()).isEqualTo(404);

        fake.ignorePathCase(true);

        assertThat(get("/SERVERS/current").body()).isEqualTo("{\"current\":true}");
        assertThat(fake.requests("GET", "/servers/current")).hasSize(2);
    }

    @Test
    void unknownRouteIs404Json() throws Exception {
        HttpResponse<String> response = get("/nowhere");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void wrongMethodIs404() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/ok")).DELETE()).statusCode()).isEqualTo(404);
    }

    @Test
    void failingHandlerAnswers500() throws Exception {
        fake.route("GET", "/boom", request -> {
            throw new IllegalStateException("broken handler");
        });

        HttpResponse<String> response = get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("handler_failed");
    }

    @Test
    void sameMethodAndTemplateReplacesRoute() throws Exception {
        fake.route("get", "/ok/", request -> FakeResponse.empty(204));

        assertThat(get("/ok").statusCode()).isEqualTo(204);
    }

    @Test
    void handlerSeesQueryHeadersAndBody() throws Exception {
        fake.route("PUT", "/inspect", request -> FakeResponse.json(200, "{\"count\":\""
                + request.queryParam("COUNT").orElse("none") + "\",\"token\":\""
                + request.header("x-api-token").orElse("none") + "\",\"body\":" + request.body() + "}"));

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/inspect?Count=5&offset=0"))
                .header("X-Api-Token", "abc")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("count").asText()).isEqualTo("5");
        assertThat(body.get("token").asText()).isEqualTo("abc");
        assertThat(body.get("body").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void recordsEveryRequest() throws Exception {
        send(HttpRequest.newBuilder(uri("/echo/?Tag=x%20y"))
                .header("X-Custom", "value")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"world\"}")));
        get("/servers/1");
        get("/nowhere");

        assertThat(fake.requestCount()).isEqualTo(3);
        RecordedRequest echo = fake.requests().get(0);
        assertThat(echo.method()).isEqualTo("POST");
        assertThat(echo.path()).isEqualTo("/echo");
        assertThat(echo.queryParam("tag")).hasValue("x y");
        assertThat(echo.header("x-custom")).hasValue("value");
        assertThat(echo.body()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(echo.at()).isNotNull();
        assertThat(fake.requests("GET", "/servers/{id}")).extracting(RecordedRequest::path).containsExactly("/servers/1");
        assertThat(fake.requests("get", "/nowhere/")).hasSize(1);
    }

    @Test
    void clearRequestsForgetsThem() throws Exception {
        get("/ok");
        fake.clearRequests();

        assertThat(fake.requests()).isEmpty();
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void statusFaultAnswersInPlaceOfRoute() throws Exception {
        fake.faults().add(Fault.status(502));

        HttpResponse<String> response = get("/ok");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(502);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void statusFaultWithOwnBody() throws Exception {
        fake.faults().add(Fault.status(500, "application/json", "{\"ErrorCode\":0,\"Message\":\"oops\"}"));

        HttpResponse<String> response = get("/ok");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"ErrorCode\":0,\"Message\":\"oops\"}");
    }

    @Test
    void rateLimitedSendsRetryAfterInWholeSecondsRoundedUp() throws Exception {
        fake.faults().add(Fault.rateLimited(Duration.ofMillis(1500)));

        HttpResponse<String> response = get("/ok");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void rateLimitedWithoutRetryAfterHasNoHeader() throws Exception {
        fake.faults().add(Fault.rateLimitedWithoutRetryAfter());

        HttpResponse<String> response = get("/ok");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void unavailableSends503WithRetryAfter() throws Exception {
        fake.faults().add(Fault.unavailable(Duration.ofSeconds(30)));

        HttpResponse<String> response = get("/ok");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    }

    @Test
    void delayLongerThanReadTimeoutTimesOut() {
        // a wide margin costs nothing: close() releases the delayed exchange
        fake.faults().add(Fault.delay(Duration.ofSeconds(3)));
        HttpClient fresh = HttpClient.newHttpClient();

        assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(uri("/ok")).timeout(Duration.ofMillis(100)).GET().build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void delayThenAnswersNormally() throws Exception {
        fake.faults().add(Fault.delay(Duration.ofMillis(50)));

        HttpResponse<String> response = get("/ok");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void delayBeforeAnsweringFaultAppliesBoth() throws Exception {
        fake.faults().add(Fault.delay(Duration.ofMillis(20))).add(Fault.status(503));

        assertThat(get("/ok").statusCode()).isEqualTo(503);
    }

    @Test
    void delayedRequestDoesNotBlockOthers() throws Exception {
        fake.faults().add("GET", "/servers/{id}", Fault.delay(Duration.ofSeconds(30)));
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                HttpRequest.newBuilder(uri("/servers/1")).GET().build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> fast = get("/ok");

        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(slow).isNotDone();
        fake.close();
        assertThat(slow).failsWithin(5, TimeUnit.SECONDS);
    }

    @Test
    void malformedBodyIsNotJson() throws Exception {
        fake.faults().add(Fault.malformedBody());

        HttpResponse<String> response = get("/ok");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThatThrownBy(() -> JSON.readTree(response.body())).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void htmlErrorPageLooksLikeLoadBalancer() throws Exception {
        fake.faults().add(Fault.htmlErrorPage(502));

        HttpResponse<String> response = get("/ok");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).contains("<title>502 Bad Gateway</title>");
    }

    @Test
    void unexpectedBodyIsValidJsonOfAnotherShape() throws Exception {
        fake.faults().add(Fault.unexpectedBody("[1,2,3]"));

        HttpResponse<String> response = get("/servers/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).isArray()).isTrue();
    }

    @Test
    void droppedConnectionAnswersNothing() {
        fake.faults().add(Fault.dropConnection());

        assertThatThrownBy(() -> send(HttpRequest.newBuilder(uri("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))))
                .isInstanceOf(IOException.class);
        assertThat(fake.requests("POST", "/echo")).isNotEmpty();
    }

    @Test
    void timesLimitsFaultToFirstRequests() throws Exception {
        fake.faults().add(Fault.status(503).times(2));

        assertThat(get("/ok").statusCode()).isEqualTo(503);
        assertThat(get("/ok").statusCode()).isEqualTo(503);
        assertThat(get("/ok").statusCode()).isEqualTo(200);
        assertThat(fake.faults().active()).isZero();
    }

    @Test
    void routeFaultAppliesOnlyToItsRouteAndMethod() throws Exception {
        fake.faults().add("GET", "/servers/{id}", Fault.status(500));

        assertThat(get("/servers/3/").statusCode()).isEqualTo(500);
        assertThat(get("/ok").statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/servers/3")).DELETE()).statusCode()).isEqualTo(404);
    }

    @Test
    void faultsApplyInOrderAdded() throws Exception {
        fake.faults().add(Fault.status(429).times(1)).add(Fault.status(500).times(1));

        assertThat(get("/ok").statusCode()).isEqualTo(429);
        assertThat(get("/ok").statusCode()).isEqualTo(500);
        assertThat(get("/ok").statusCode()).isEqualTo(200);
    }

    @Test
    void clearedFaultsNoLongerApply() throws Exception {
        fake.faults().add(Fault.status(500));
        fake.faults().clear();

        assertThat(get("/ok").statusCode()).isEqualTo(200);
    }

    @Test
    void startsOnGivenPort() throws Exception {
        int port;
        try (FakeProviderServer probe = FakeProviderServer.start()) {
            port = probe.port();
        }
        try (FakeProviderServer fixed = FakeProviderServer.start(port)) {
            assertThat(fixed.port()).isEqualTo(port);
        }
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> fake.route("GET", "no-slash", request -> FakeResponse.empty(200)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.status(500).times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeProviderServer.start(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(fake.baseUri() + path);
    }
}
