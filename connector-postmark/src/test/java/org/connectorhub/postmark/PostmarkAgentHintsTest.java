package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.MessageFields;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.core.spi.ConnectorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hints agents read (read-only, destructive, sends) and the recipients of each send, without any call. */
class PostmarkAgentHintsTest {
    private final Connector connector = new PostmarkConnectorFactory().create(new ConnectorConfig(Map.of(
            ConnectorConfig.BASE_URL, "http://127.0.0.1:9", ConnectorConfig.MAX_ATTEMPTS, "1")));

    @AfterEach
    void close() {
        connector.close();
    }

    private ConnectorAction action(String name) {
        return connector.action(name).orElseThrow();
    }

    @Test
    void readsAreReadOnlySendsSendAndDeletesAreDestructive() {
        for (ConnectorAction action : connector.actions()) {
            ActionDescriptor d = action.descriptor();
            assertThat(d.readOnly()).as(d.name()).isEqualTo(PostmarkActionCatalogueTest.READS.contains(d.name()));
            assertThat(d.sends()).as(d.name()).isEqualTo(d.name().startsWith("send_"));
            assertThat(d.destructive()).as(d.name()).isEqualTo(d.name().startsWith("delete_"));
        }
    }

    @Test
    void aSendNamesItsSenderAndEveryToCcAndBcc() {
        List<MessageFields> messages = action("send_email").messages(Map.of("from", "Support <Support@example.com>",
                "to", "a@example.com, \"Doe, J\" <j@example.org>", "cc", "c@example.com", "bcc", "d@example.com",
                "text_body", "x"));

        assertThat(messages).containsExactly(new MessageFields(Optional.of("support@example.com"),
                List.of("a@example.com", "j@example.org", "c@example.com", "d@example.com")));
    }

    @Test
    void aBatchNamesEachMessage() {
        List<MessageFields> messages = action("send_email_batch").messages(Map.of("messages", List.of(
                Map.of("from", "s@example.com", "to", "a@example.com", "text_body", "x"),
                Map.of("from", "s@example.com", "to", "b@example.com, c@example.com", "text_body", "y"))));

        assertThat(messages).extracting(MessageFields::recipients)
                .containsExactly(List.of("a@example.com"), List.of("b@example.com", "c@example.com"));
    }

    @Test
    void anActionThatSendsNothingNamesNoMessage() {
        assertThat(action("list_bounces").messages(Map.of("to", "a@example.com"))).isEmpty();
    }
}
