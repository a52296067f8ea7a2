package org.connectorhub.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.connectorhub.core.domain.Credentials;
import org.junit.jupiter.api.Test;

class CredentialsCodecTest {
    @Test
    void roundTripsUnicodeValues() {
        Credentials credentials = Credentials.of(Map.of("a", "välue-✓", "b", "x"));

        assertThat(CredentialsCodec.decode(CredentialsCodec.encode(credentials))).isEqualTo(credentials);
    }

    @Test
    void refusesAnUnknownFormatWithoutEchoingBytes() {
        assertThatThrownBy(() -> CredentialsCodec.decode(new byte[] {9, 0, 0, 0, 0}))
                .hasMessageContaining("unknown credentials format 9");
    }
}
