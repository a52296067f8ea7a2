package org.connectorhub.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.connectorhub.hub.webhooks.WebhookUrlValidator.InvalidUrlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** URL checks, with a fixed resolver so no test depends on real DNS. */
class WebhookUrlValidatorTest {
    private static final WebhookUrlValidator.Resolver FIXED = host -> switch (host) {
        case "hooks.example.com" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14})};
        case "internal.example.com" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 1, 2, 3})};
        case "mixed.example.com" -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14}),
                InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})};
        default -> {
            if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
                yield InetAddress.getAllByName(host);
            }
            throw new UnknownHostException(host);
        }
    };

    private final WebhookUrlValidator strict = new WebhookUrlValidator(false, FIXED);

    @Test
    void acceptsPublicHttpAndHttpsUrls() {
        assertThat(strict.check("https://hooks.example.com/connector-hub?x=1").getHost()).isEqualTo("hooks.example.com");
        assertThat(strict.check("http://93.184.215.14:8443/hook").getPort()).isEqualTo(8443);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/x", "file:///etc/passwd", "javascript:alert(1)", "hooks.example.com/x",
            "/relative", "https://", "https://user:pass@hooks.example.com/x", "https://hooks.example.com/x#frag",
            "http://exa mple.com/", ""})
    void refusesWhatIsNotAnAbsoluteHttpUrl(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(InvalidUrlException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/x", "http://127.9.9.9/x", "http://localhost:8080/x", "http://api.localhost/x",
            "http://10.0.0.1/x", "http://172.16.0.1/x", "http://172.31.255.255/x", "http://192.168.1.1/x",
            "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/x", "http://[::1]/x", "http://[fc00::1]/x",
            "http://[fd12:3456::1]/x", "http://[fe80::1]/x", "http://[::ffff:127.0.0.1]/x", "http://[::]/x",
            "http://100.64.0.1/x", "http://224.0.0.1/x"})
    void refusesLoopbackPrivateAndLinkLocalAddresses(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(InvalidUrlException.class)
                .hasMessageContaining("private");
    }

    @Test
    void checksTheAddressesAHostNameResolvesTo() {
        assertThatThrownBy(() -> strict.check("https://internal.example.com/hook")).hasMessageContaining("private");
        assertThatThrownBy(() -> strict.check("https://mixed.example.com/hook")).hasMessageContaining("private");
        assertThatThrownBy(() -> strict.check("https://unknown.example.com/hook")).hasMessageContaining("resolved");
    }

    @Test
    void publicNeighboursOfPrivateRangesAreAllowed() {
        assertThat(strict.check("http://172.32.0.1/x")).isNotNull();
        assertThat(strict.check("http://11.0.0.1/x")).isNotNull();
        assertThat(strict.check("http://192.169.0.1/x")).isNotNull();
        assertThat(strict.check("http://[2001:db8::1]/x")).isNotNull();
    }

    @Test
    void privateAddressesPassWhenConfigurationAllowsThem() {
        WebhookUrlValidator lenient = new WebhookUrlValidator(true, FIXED);
        assertThat(lenient.check("http://127.0.0.1:9000/hooks").getPort()).isEqualTo(9000);
        assertThat(lenient.check("http://internal.example.com/hooks")).isNotNull();
        assertThatThrownBy(() -> lenient.check("ftp://127.0.0.1/x")).isInstanceOf(InvalidUrlException.class);
    }
}
