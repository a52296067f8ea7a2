package org.connectorhub.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;

/** Whatever a client sends, bad input never reaches the 500 path: every answer is 2xx or 4xx. */
class BadInputPropertyTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final List<String> POST_PATHS = List.of("/v1/accounts", "/v1/connect_sessions",
            "/v1/accounts/acc_missing/actions/send_email", "/v1/accounts/acc_missing/verify");

    static Path dataDir;
    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;
    static String accountId;

    @BeforeContainer
    static void start() {
        try {
            dataDir = Files.createTempDirectory("hub-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postmark = FakePostmark.start();
        hub = TestHub.start(postmark, dataDir, API_KEY);
        api = hub.client();
        accountId = api.post("/v1/accounts", API_KEY, java.util.Map.of("provider", "postmark", "origin_owner_id", "fuzz",
                "credentials", java.util.Map.of("server_token", "POSTMARK_API_TEST"))).json().path("id").asText();
    }

    @AfterContainer
    static void stop() {
        hub.close();
        postmark.close();
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("null", "true", "[]", "{}", "[1,\"a\"]", "{\"a\":{}}", "1e999", "-0", "\"POSTMARK_API_TEST\"",
                        "\"a\\u0000b\"", "\"" + "x".repeat(300) + "\"", "{\"k\":\"v\\u0000\"}", "{\"server_token\":\"POSTMARK_API_TEST\"}"));
        Arbitrary<String> key = Arbitraries.of("provider", "origin_owner_id", "origin_owner_name", "credentials",
                "metadata", "label", "expires_in", "account_id", "to", "from", "subject", "text_body", "server_token", "x");
        Arbitrary<String> object = Arbitraries.maps(key, value).ofMaxSize(6).map(map -> {
            StringBuilder json = new StringBuilder("{");
            map.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
            return json.append('}').toString();
        });
        return Arbitraries.oneOf(object, Arbitraries.strings().ofMaxLength(40), value);
    }

    @Property(tries = 60)
    void badBodiesNeverCauseA500(@ForAll("bodies") String body, @ForAll("paths") String path) {
        int status = api.post(path, API_KEY, body).status();
        assertThat(status).as("%s %s", path, body).isBetween(200, 499);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.oneOf(Arbitraries.of(POST_PATHS),
                Arbitraries.just("ACTION").map(ignored -> "/v1/accounts/" + accountId + "/actions/send_email"));
    }
}
