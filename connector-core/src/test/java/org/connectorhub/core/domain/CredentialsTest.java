package org.connectorhub.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    @Test
    void valuesAreTrimmedAndBlankCountsAsAbsent() {
        Map<String, String> raw = new HashMap<>();
        raw.put("a", "  value \n");
        raw.put("b", "   ");
        raw.put("c", null);

        Credentials credentials = Credentials.of(raw);

        assertThat(credentials.get("a")).contains("value");
        assertThat(credentials.has("b")).isFalse();
        assertThat(credentials.has("c")).isFalse();
        assertThat(credentials.fieldKeys()).containsExactly("a");
    }

    @Test
    void toStringNamesFieldsButNeverValues() {
        Credentials credentials = Credentials.of("server_token", "s3cr3t-value", "account_token", "0ther-s3cret");

        assertThat(credentials.toString())
                .isEqualTo("Credentials{account_token=****, server_token=****}")
                .doesNotContain("s3cr3t-value", "0ther-s3cret");
    }

    @Test
    void requireOfAMissingFieldDoesNotEchoValues() {
        Credentials credentials = Credentials.of("a", "s3cr3t-value");

        assertThatThrownBy(() -> credentials.require("b"))
                .hasMessageContaining("'b'")
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void immutablesRedactSealedCredentialsInToString() {
        LinkedAccount account = LinkedAccount.builder().id("acc_1").projectId("p").provider("x").originOwnerId("o")
                .status(AccountStatus.ACTIVE).mode(Mode.TEST).providerAccount(new ProviderAccount("1", "n"))
                .sealedCredentials(new byte[] {1, 2, 3}).createdAt(java.time.Instant.EPOCH)
                .updatedAt(java.time.Instant.EPOCH).build();

        assertThat(account.toString()).contains("sealedCredentials=****");
    }
}
