package org.connectorhub.core.spi;

import java.util.Set;
import org.connectorhub.core.domain.Credentials;

/**
 * A connector's provider events (bounces, deliveries, inbound email, ...): how to make the
 * provider send them to the hub for one account, how to stop it, and how to read what it sends.
 * The hub keeps the subscription's state and retries on outage; the connector is stateless.
 */
public interface ProviderEvents {
    /** The event kinds a project may choose, in the hub's lower-case names ({@code bounce}, {@code delivery}, ...). */
    Set<String> triggers();

    /**
     * Makes the provider send the chosen events to the subscription's callback: creates what is
     * missing, repairs what differs (URL credentials, triggers), reuses what is already right, and
     * never touches the provider's hooks that point elsewhere. A per-stream limit reached is a
     * warning in the result, not a failure.
     *
     * @throws org.connectorhub.core.domain.ProviderUnavailableException timeouts, 5xx, 429: try again later
     * @throws org.connectorhub.core.domain.ConnectorHubException the provider refused (credentials, input)
     */
    SubscriptionResult ensure(Credentials credentials, EventSubscription subscription);

    /**
     * Removes what {@link #ensure} set up for this callback (hooks with its URL, the inbound URL if
     * it is ours); what is already gone is fine.
     *
     * @throws org.connectorhub.core.domain.ProviderUnavailableException timeouts, 5xx, 429: try again later
     */
    void remove(Credentials credentials, EventSubscription subscription);

    /**
     * Reads one payload the provider sent into a normalised event; an unknown kind with a readable
     * body is {@code email.unknown}, not an error.
     *
     * @param includeAttachments whether inbound attachments keep their content
     * @throws org.connectorhub.core.domain.InvalidInputException a body that is not the provider's JSON object
     */
    ProviderEvent read(byte[] body, boolean includeAttachments);
}
