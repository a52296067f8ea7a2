package org.connectorhub.hub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.connectorhub.hub.TestHubExtension;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.TestHub;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An oversized body is refused with 413 without being read whole: a huge declared length is
 * answered before the body is sent, and a chunked body is cut off soon after the limit, long
 * before the client has sent it all. Over plain sockets, so the test controls every byte.
 */
class OversizedBodyTest {
    private static final String API_KEY = ApiKeys.newApiKey();
    private static final int LIMIT = 64 * 1024;
    /** What a client offers to send: far over the limit. */
    private static final long OFFERED = 512L * 1024 * 1024;

    static FakePostmark postmark;
    static TestHub hub;
    static HubClient api;
    static int port;

    @RegisterExtension
    static final TestHubExtension running = TestHubExtension.configured((postmark, dataDir) ->
            TestHub.config(postmark, dataDir, API_KEY).maxBodyBytes(LIMIT).build());

    @BeforeAll
    static void start() {
        postmark = running.postmark();
        hub = running.hub();
        api = hub.client();
        port = URI.create(api.baseUrl()).getPort();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /v1/accounts", "POST /v1/connect_sessions", "PATCH /v1/accounts/acc_x",
            "POST /v1/accounts/acc_x/actions/send_email", "POST /hub/api/accounts"})
    void aHugeDeclaredLengthIs413BeforeTheBodyIsSent(String route) throws IOException {
        String bearer = route.contains("/hub/") ? session() : API_KEY;
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(route, bearer, "Content-Length: " + OFFERED));
            out.write("{\"provider\":\"".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // nothing more is sent: the answer must come on what the hub has
            String answer = readHead(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        }
        Figures.count("oversized.declared_length: body bytes sent before the 413 (declared " + OFFERED + ")", 13);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WhileTheClientStillHoldsTheRest() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("POST /v1/accounts", API_KEY, "Transfer-Encoding: chunked"));
            byte[] chunk = ("{\"origin_owner_id\":\"chunked\",\"label\":\"" + "x".repeat(8 * 1024 - 40) + "\"")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] framed = frame(chunk);
            long sent = 0;
            // a little over the limit, then the client goes quiet: the body never ends
            while (sent <= LIMIT + 2L * chunk.length) {
                out.write(framed);
                sent += chunk.length;
            }
            out.flush();
            String answer = readHead(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
            Figures.count("oversized.chunked_bytes_sent_before_413 (limit " + LIMIT + ", body never finished)", sent);
        }
        assertThat(api.get("/v1/accounts?origin_owner_id=chunked", API_KEY).json().path("data")).isEmpty();
    }

    @Test
    void theHubStillAnswersAfterOversizedRequests() {
        assertThat(api.post("/v1/accounts", API_KEY, Map.of("provider", "postmark", "origin_owner_id", "after",
                "credentials", Map.of("server_token", "POSTMARK_API_TEST"))).status()).isEqualTo(201);
    }

    static String session() {
        return api.post("/v1/connect_sessions", API_KEY, Map.of("origin_owner_id", "big", "origin_owner_name", "Big"))
                .json().path("token").asText();
    }

    static Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        return socket;
    }

    static byte[] head(String route, String bearer, String lengthHeader) {
        return (route + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + bearer
                + "\r\nContent-Type: application/json\r\n" + lengthHeader + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] frame(byte[] chunk) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        framed.writeBytes(chunk);
        framed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return framed.toByteArray();
    }

    /** The status line and headers of the answer. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] so = head.toByteArray();
            int n = so.length;
            if (n >= 4 && so[n - 4] == '\r' && so[n - 3] == '\n' && so[n - 2] == '\r' && so[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
