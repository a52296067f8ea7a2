package org.connectorhub.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageFieldsTest {
    @Test
    void addressesAreBareAndLowerCasedWhateverTheDisplayName() {
        assertThat(MessageFields.addresses("Ann <Ann@Example.com>, bob@example.org ,, \"Doe, J\" <j@x.io>"))
                .containsExactly("ann@example.com", "bob@example.org", "j@x.io");
        assertThat(MessageFields.address("  Sender <s@example.com> ")).contains("s@example.com");
        assertThat(MessageFields.addresses(null)).isEmpty();
        assertThat(MessageFields.addresses(42)).isEmpty();
    }

    @Test
    void theDomainIsAfterTheLastAt() {
        assertThat(MessageFields.domain("a@Mail.Example.com")).contains("mail.example.com");
        assertThat(MessageFields.domain("nodomain")).isEmpty();
        assertThat(MessageFields.domain("trailing@")).isEmpty();
    }

    @Test
    void recipientsAreCopied() {
        MessageFields fields = new MessageFields(Optional.empty(), List.of("a@x.com"));
        assertThat(fields.recipients()).containsExactly("a@x.com");
    }
}
