package org.connectorhub.hub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;

/**
 * Hostile bodies for every endpoint that takes one: wrong types, huge strings, deep nesting,
 * unicode (unpaired surrogates, NUL, RTL, emoji), nulls, unknown fields, duplicate keys and broken
 * JSON, mixed into otherwise valid bodies so validation is reached at every depth. Never a 5xx,
 * every error is application/problem+json, and an error stores nothing (row counts and versions
 * unchanged). Tries per endpoint: {@code -Dreliability.tries} (default 1000).
 */
@AddLifecycleHook(ReliabilityTries.class)
class HostileInputPropertyTest {
    static final String API_KEY = ApiKeys.newApiKey();
    static final long MAX_BODY = 1024 * 1024;

    static Path dataDir;
    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;
    static String accountId;
    static String sessionToken;

    @BeforeContainer
    static void start() {
        try {
            dataDir = Files.createTempDirectory("hub-hostile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postmark = FakePostmark.start();
        hub = TestHub.start(TestHub.config(postmark, dataDir, API_KEY).maxBodyBytes(MAX_BODY).build());
        api = hub.client();
        accountId = api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "hostile",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST"))).json().path("id").asText();
        sessionToken = newSession();
    }

    @AfterContainer
    static void stop() {
        long total = ReliabilityTries.TRIED.values().stream().mapToLong(java.util.concurrent.atomic.AtomicLong::get).sum();
        Figures.count("hostile_input.total_bodies", total);
        hub.close();
        postmark.close();
    }

    // ---- the properties, one per endpoint ----

    @Property
    void linkAccount(@ForAll("linkBodies") String body) {
        check("POST", "/v1/accounts", API_KEY, body);
    }

    @Property
    void createConnectSession(@ForAll("sessionBodies") String body) {
        check("POST", "/v1/connect_sessions", API_KEY, body);
    }

    @Property
    void patchAccount(@ForAll("patchBodies") String body) {
        check("PATCH", "/v1/accounts/" + accountId, API_KEY, body);
    }

    @Property
    void runAction(@ForAll("actionBodies") String body, @ForAll("actions") String action) {
        check("POST", "/v1/accounts/" + accountId + "/actions/" + action, API_KEY, body);
    }

    @Property
    void linkThroughASession(@ForAll("endUserLinkBodies") String body) {
        Response response = check("POST", "/hub/api/accounts", sessionToken, body);
        if (response.status() < 300) {
            sessionToken = newSession(); // a session links once
        }
    }

    // ---- the check ----

    static Response check(String method, String path, String bearer, String body) {
        Fingerprint before = Fingerprint.now();
        Response response = api.send(api.request(path, bearer).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
        String shown = body.length() > 300 ? body.substring(0, 300) + "... (" + body.length() + " chars)" : body;
        assertThat(response.status()).as("%s %s %s -> %s", method, path, shown, response).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(response.contentType()).as("%s -> %s", shown, response).startsWith("application/problem+json");
            assertThat(response.code()).as("%s -> %s", shown, response).isNotBlank();
            assertThat(Fingerprint.now()).as("an error stores nothing: %s -> %s", shown, response).isEqualTo(before);
        }
        return response;
    }

    /** What an error must not change: row counts and the sum of account versions. */
    record Fingerprint(long accounts, long versions, long sessions, long usedSessions) {
        static Fingerprint now() {
            try (Connection connection = hub.instance(DataSource.class).getConnection();
                    Statement statement = connection.createStatement()) {
                long accounts;
                long versions;
                try (ResultSet row = statement.executeQuery("SELECT COUNT(*), COALESCE(SUM(version), 0) FROM accounts")) {
                    row.next();
                    accounts = row.getLong(1);
                    versions = row.getLong(2);
                }
                try (ResultSet row = statement.executeQuery(
                        "SELECT COUNT(*), COUNT(used_at) FROM connect_sessions")) {
                    row.next();
                    return new Fingerprint(accounts, versions, row.getLong(1), row.getLong(2));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String newSession() {
        return api.post("/v1/connect_sessions", API_KEY, Map.of("origin_owner_id", "hostile-end-user",
                "origin_owner_name", "Hostile")).json().path("token").asText();
    }

    // ---- generators ----

    @Provide
    Arbitrary<String> actions() {
        return Arbitraries.of("send_email", "send_email", "send_email_batch", "list_servers", "get_server",
                "send_email_with_template", "no_such_action");
    }

    @Provide
    Arbitrary<String> linkBodies() {
        return hostile(valid(Map.of("provider", "\"postmark\"", "origin_owner_id", "\"hostile-link\"",
                "origin_owner_name", "\"Hostile\"", "label", "\"L\"", "metadata", "{\"k\":\"v\"}",
                "credentials", "{\"server_token\":\"POSTMARK_API_TEST\"}")));
    }

    @Provide
    Arbitrary<String> sessionBodies() {
        return hostile(valid(Map.of("origin_owner_id", "\"hostile-session\"", "origin_owner_name", "\"Hostile\"",
                "origin_username", "\"h@example.com\"", "provider", "\"postmark\"", "expires_in", "600",
                "metadata", "{\"plan\":\"pro\"}", "account_id", "\"" + "acc_missing" + "\"")));
    }

    @Provide
    Arbitrary<String> patchBodies() {
        return hostile(valid(Map.of("label", "\"Renamed\"", "metadata", "{\"team\":\"x\"}",
                "credentials", "{\"server_token\":\"POSTMARK_API_TEST\"}")));
    }

    @Provide
    Arbitrary<String> actionBodies() {
        return hostile(valid(Map.of("from", "\"sender@example.com\"", "to", "\"receiver@example.com\"",
                "subject", "\"Hi\"", "text_body", "\"Hello\"", "count", "10", "offset", "0",
                "messages", "[{\"from\":\"a@example.com\",\"to\":\"b@example.com\",\"subject\":\"s\",\"text_body\":\"t\"}]",
                "template_alias", "\"welcome\"", "template_model", "{\"name\":\"x\"}")));
    }

    @Provide
    Arbitrary<String> endUserLinkBodies() {
        return hostile(valid(Map.of("provider", "\"postmark\"", "label", "\"Mine\"",
                "credentials", "{\"server_token\":\"POSTMARK_API_TEST\"}")));
    }

    /** A valid body, as ordered fields (name to JSON text). */
    static Arbitrary<Map<String, String>> valid(Map<String, String> fields) {
        return Arbitraries.just(new LinkedHashMap<>(fields));
    }

    /** Mostly a valid body with one to four hostile changes; sometimes something else entirely. */
    static Arbitrary<String> hostile(Arbitrary<Map<String, String>> validBody) {
        Arbitrary<String> mutated = Combinators.combine(validBody, mutations().list().ofMinSize(1).ofMaxSize(4))
                .as((fields, changes) -> {
                    List<String[]> members = new ArrayList<>();
                    fields.forEach((k, v) -> members.add(new String[] {k, v}));
                    for (Mutation change : changes) {
                        change.apply(members, new ArrayList<>(fields.keySet()));
                    }
                    StringBuilder json = new StringBuilder("{");
                    for (String[] member : members) {
                        json.append(json.length() > 1 ? "," : "").append(quote(member[0])).append(':').append(member[1]);
                    }
                    return json.append('}').toString();
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, mutated),
                net.jqwik.api.Tuple.of(1, jsonValue(3)),
                net.jqwik.api.Tuple.of(1, brokenJson()));
    }

    /** One hostile change to the members of a body. */
    interface Mutation {
        void apply(List<String[]> members, List<String> knownFields);
    }

    static Arbitrary<Mutation> mutations() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 50);
        Arbitrary<Mutation> replace = Combinators.combine(index, jsonValue(3)).as((i, value) -> (members, known) -> {
            if (!members.isEmpty()) {
                members.get(i % members.size())[1] = value;
            }
        });
        Arbitrary<Mutation> remove = index.map(i -> (members, known) -> {
            if (!members.isEmpty()) {
                members.remove(i % members.size());
            }
        });
        Arbitrary<Mutation> unknown = Combinators.combine(hostileString(), jsonValue(2))
                .as((name, value) -> (members, known) -> members.add(new String[] {name, value}));
        Arbitrary<Mutation> duplicate = Combinators.combine(index, jsonValue(2)).as((i, value) -> (members, known) -> {
            if (!known.isEmpty()) {
                members.add(new String[] {known.get(i % known.size()), value});
            }
        });
        Arbitrary<Mutation> nestCredential = Combinators.combine(Arbitraries.of("server_token", "account_token", "x"),
                jsonValue(2)).as((field, value) -> (members, known) -> members.add(
                        new String[] {"credentials", "{" + quote(field) + ":" + value + "}"}));
        return Arbitraries.oneOf(replace, replace, remove, unknown, duplicate, nestCredential);
    }

    /** Any JSON value, hostile leaves included, nested up to {@code depth}. */
    static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                hostileString().map(HostileInputPropertyTest::quote),
                Arbitraries.of("null", "true", "false", "0", "-0", "-1", "1.5", "1e999", "-1e999", "2147483648",
                        "9223372036854775808", "123456789012345678901234567890", "1E-400", "0.0000001"),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("\"POSTMARK_API_TEST\"", "\"00000000-0000-4000-8000-000000000000\"", "\"\"", "\" \"",
                        "\"acc_missing\"", "\"postmark\"", "\"a@example.com\"", "\"not an email\""),
                deepNesting());
        if (depth <= 0) {
            return leaf;
        }
        Arbitrary<String> array = jsonValue(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(hostileString(), jsonValue(depth - 1)).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(4).map(items -> "{" + String.join(",", items) + "}");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, leaf), net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, object));
    }

    static Arbitrary<String> hostileString() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.strings().ofMaxLength(30)),
                net.jqwik.api.Tuple.of(5, Arbitraries.strings().all().ofMaxLength(30)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings()
                        .withChars('\u0000', '\u202e', '\ud83d', '\ude00', '\ufeff', '"', '\\', '\n', '%', '\u00e9')
                        .ofMaxLength(20)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of("\ud83d\ude00\ud83d\ude00", "\u0632\u0628\u0648\u0646",
                        "\u7528\u6237", "'; DROP TABLE accounts; --", "${jndi:ldap://x}", "<script>alert(1)</script>",
                        "../../etc/passwd", "%00", "\u0000")),
                // huge strings: rarer, they cost the most
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1_000, 120_000).map(n -> "x".repeat(n))),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1_000, 40_000).map(n -> "\u00e9\u4e2d".repeat(n))));
    }

    static Arbitrary<String> deepNesting() {
        return Arbitraries.integers().between(100, 3_000).flatMap(depth -> Arbitraries.of(
                "[".repeat(depth) + "]".repeat(depth),
                "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
                "[".repeat(depth)));
    }

    static Arbitrary<String> brokenJson() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of("", " ", "{", "}", "{\"provider\":", "{\"a\":1,}", "{'a':1}", "{\"a\":NaN}", "{\"a\":01}",
                        "{\"a\":\"\\u12\"}", "{\"a\":\"\\x41\"}", "\ufeff{}", "{}{}", "null", "{\"a\":1}garbage",
                        "{\"a\" 1}", "[}", "{\"\u0000\":1}", "{\"a\":\"line\nbreak\"}"));
    }

    static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
