package org.connectorhub.core.port.in;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.MessageFields;

/**
 * An action that passed every check (account, status, scope, input) and would run now: what it
 * is and, for a sending action, the messages it would send.
 */
public record CheckedAction(String projectId, String accountId, String provider, ActionDescriptor descriptor,
        List<MessageFields> messages) {
    public CheckedAction {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(descriptor, "descriptor is null");
        messages = List.copyOf(requireNonNull(messages, "messages is null"));
    }

    /** Every To/Cc/Bcc address of every message. */
    public int recipientCount() {
        return messages.stream().mapToInt(m -> m.recipients().size()).sum();
    }
}
