package org.connectorhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectorhub.hub.HubClient;
import org.connectorhub.hub.HubClient.Response;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.hub.storage.TestDatabases;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console on two hubs over one database: a link from A signs in on B, and B's session works on A until signed out. */
class ConsoleTwoHubsTest {
    private static final String API_KEY = ApiKeys.newApiKey();

    @TempDir
    static Path dirA;

    @TempDir
    static Path dirB;

    static FakePostmark postmark;
    static TwoHubs hubs;

    @BeforeAll
    static void start() {
        postmark = FakePostmark.start();
        hubs = new TwoHubs(postmark, TestDatabases.newPostgresDatabase(), MasterKey.generateBase64(), API_KEY, dirA, dirB);
    }

    @AfterAll
    static void stop() {
        hubs.close();
        postmark.close();
    }

    @Test
    void aLinkFromOneHubSignsInOnTheOtherAndTheSessionIsEveryHubs() {
        String url = hubs.a.client().post("/v1/console/sign_in_links", API_KEY, Map.of()).json().path("url").asText();
        URI link = URI.create(url);
        Response signedIn = get(hubs.b.client(), link.getRawPath() + "?" + link.getRawQuery(), null);
        assertThat(signedIn.status()).isEqualTo(303);
        String cookie = signedIn.header("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(get(hubs.a.client(), link.getRawPath() + "?" + link.getRawQuery(), null).status()).isEqualTo(410);

        Response onA = get(hubs.a.client(), "/console", cookie);
        assertThat(onA.status()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(onA.body());
        assertThat(csrf.find()).isTrue();

        Response out = hubs.a.client().send(hubs.a.client().request("/console/sign-out", null)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1))).build());
        assertThat(out.status()).isEqualTo(200);
        assertThat(get(hubs.b.client(), "/console", cookie).status()).isEqualTo(401);
    }

    private static Response get(HubClient client, String path, String cookie) {
        HttpRequest.Builder request = client.request(path, null).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build());
    }
}
