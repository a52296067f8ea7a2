package org.connectorhub.core.port.in;

/** Check the fields, verify with the provider, de-duplicate, seal and store. */
public interface LinkAccountUseCase {
    /**
     * @throws org.connectorhub.core.domain.InvalidCredentialsException the fields are wrong or the provider said no; nothing is stored
     * @throws org.connectorhub.core.domain.ProviderUnavailableException the provider could not answer; nothing is stored
     * @throws org.connectorhub.core.domain.UnknownProviderException no such connector
     * @throws org.connectorhub.core.domain.InvalidInputException label or metadata out of bounds
     */
    LinkResult link(LinkCommand command);
}
