package org.connectorhub.core.port.in;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.connectorhub.core.domain.LinkedAccount;

/** The linked account, whether it is new, and the provider's warnings (e.g. a sandbox server). */
public record LinkResult(LinkedAccount account, boolean created, List<String> warnings) {
    public LinkResult {
        requireNonNull(account, "account is null");
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }
}
