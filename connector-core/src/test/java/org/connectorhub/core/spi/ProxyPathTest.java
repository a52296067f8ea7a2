package org.connectorhub.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.connectorhub.core.domain.InvalidProxyPathException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProxyPathTest {
    @Test
    void keepsAnOrdinaryPathAndItsQuery() {
        ProxyPath path = ProxyPath.parse("messages/outbound/0ac29aee-e1cd-480d-b08d-4f48548ff48d/details",
                "count=5&fromdate=2024-01-01T00:00:00&recipient=a%2Bb@example.com");

        assertThat(path.segments()).containsExactly("messages", "outbound", "0ac29aee-e1cd-480d-b08d-4f48548ff48d",
                "details");
        assertThat(path.pathAndQuery()).isEqualTo("/messages/outbound/0ac29aee-e1cd-480d-b08d-4f48548ff48d/details"
                + "?count=5&fromdate=2024-01-01T00:00:00&recipient=a%2Bb@example.com");
        assertThat(path.resource()).isEqualTo("messages");
    }

    @Test
    void decodesHarmlessEscapesAndKeepsATrailingSlash() {
        ProxyPath path = ProxyPath.parse("Templates/my%2Ealias/", null);

        assertThat(path.segments()).containsExactly("Templates", "my.alias");
        assertThat(path.encodedPath()).isEqualTo("/Templates/my.alias/");
        assertThat(path.resource()).isEqualTo("templates");
        assertThat(path.query()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "...", "a/../b", "%2e%2e/b", "%2E./b", "a%2fb", "a%2Fb", "a%5cb", "a\\b",
            "%252e%252e", "a%25", "/abs", "//host/x", "http://host/x", "host:80/x", "a@b", "%40b", "a;b", "a//b",
            "a%00", "a%0a", "a%7f", "a%c3%a9", "a%", "a%g0", "a%2", "a b", "a\tb", "é", "a?b", "a#b"})
    void refusesPathsThatCouldLeaveTheProvidersApi(String raw) {
        assertThatThrownBy(() -> ProxyPath.parse(raw, null))
                .isInstanceOf(InvalidProxyPathException.class)
                .satisfies(e -> assertThat(((InvalidProxyPathException) e).code()).isEqualTo("invalid_proxy_path"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%00", "a=b#c", "a=b\\c", "a={b}", "a=b c", "a=%0d%0aX:y", "a=%", "a=|", "a=\"b\"",
            "a=<b>", "a=^", "a=`"})
    void refusesQueriesWithUnsafeCharacters(String query) {
        assertThatThrownBy(() -> ProxyPath.parse("server", query)).isInstanceOf(InvalidProxyPathException.class);
    }

    @Test
    void cannotBeBuiltAroundTheChecks() {
        assertThatThrownBy(() -> new ProxyPath(List.of(".."), false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyPath(List.of("a/b"), false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyPath(List.of(), false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAcceptAndContentTypeGoOut() {
        var kept = ProxyHeaders.request(java.util.Map.of("authorization", List.of("Bearer k"), "ACCEPT",
                List.of("application/json"), "Cookie", List.of("c=1"), "Host", List.of("evil"), "content-type",
                List.of("application/json"), "X-Forwarded-Host", List.of("evil"), "Connection", List.of("close")));

        assertThat(kept).containsOnlyKeys("Accept", "Content-Type");
    }
}
