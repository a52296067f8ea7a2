package org.connectorhub.core.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** How a connector describes itself; its actions come from {@code Connector#actions()}. */
@Value.Immutable
public abstract class ConnectorDescriptor {
    /** Provider key, e.g. {@code postmark}. */
    public abstract String provider();

    public abstract String displayName();

    public abstract CredentialSchema credentialSchema();

    public abstract List<ScopeDescriptor> scopes();

    /** Public test values the provider documents (Postmark: {@code POSTMARK_API_TEST}). */
    public abstract Map<String, String> testCredentials();

    public abstract Optional<String> docsUrl();

    @Value.Check
    protected void check() {
        if (!provider().matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("provider key must be snake_case: " + provider());
        }
        for (CredentialField field : credentialSchema().fields()) {
            field.scope().ifPresent(scope -> {
                if (scopes().stream().noneMatch(s -> s.key().equals(scope))) {
                    throw new IllegalArgumentException("field " + field.key() + " unlocks unknown scope " + scope);
                }
            });
        }
    }

    public static ImmutableConnectorDescriptor.Builder builder() {
        return ImmutableConnectorDescriptor.builder();
    }
}
