package org.connectorhub.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;

/**
 * What an action handler gets: the opened credentials, the account's mode and provider account,
 * and the input as JSON data (maps, lists, strings, numbers, booleans, nulls).
 */
public record ActionRequest(
        Credentials credentials,
        Mode mode,
        ProviderAccount providerAccount,
        Map<String, Object> input,
        Optional<String> idempotencyKey) {
    public ActionRequest {
        requireNonNull(credentials, "credentials is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(providerAccount, "providerAccount is null");
        requireNonNull(input, "input is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
    }

    @Override
    public String toString() {
        return "ActionRequest{mode=" + mode + ", providerAccount=" + providerAccount
                + ", credentials=" + credentials + ", inputKeys=" + input.keySet() + "}";
    }
}
