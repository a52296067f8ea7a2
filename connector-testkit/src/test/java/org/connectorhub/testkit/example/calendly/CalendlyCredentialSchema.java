package org.connectorhub.testkit.example.calendly;

import java.util.List;
import org.connectorhub.core.domain.ConnectorDescriptor;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.CredentialSchema;
import org.connectorhub.core.domain.ScopeDescriptor;

/** What a Calendly user fills in: one Personal Access Token, which grants the {@code scheduling} scope. */
final class CalendlyCredentialSchema {
    static final String TOKEN = "personal_access_token";
    static final String SCOPE = "scheduling";
    /** Calendly's tokens are JWTs: three base64url parts joined by dots. */
    static final String TOKEN_PATTERN = "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+";
    static final String WHERE_TO_FIND_IT = "In Calendly, open Integrations & apps > API & webhooks and generate a "
            + "personal access token; Calendly shows it only once.";

    private CalendlyCredentialSchema() {
    }

    static CredentialField tokenField() {
        return CredentialField.builder()
                .key(TOKEN)
                .label("Personal Access Token")
                .description("A Calendly personal access token of the user whose scheduling the hub manages.")
                .help(WHERE_TO_FIND_IT)
                .placeholder("eyJraWQiOiIx...")
                .pattern(TOKEN_PATTERN)
                .patternMessage("A Calendly personal access token is a long text of three parts joined by dots (eyJ...).")
                .scope(SCOPE)
                .build();
    }

    static ConnectorDescriptor descriptor() {
        return ConnectorDescriptor.builder()
                .provider(CalendlyConnectorFactory.PROVIDER)
                .displayName("Calendly")
                .credentialSchema(new CredentialSchema(List.of(tokenField())))
                .addScopes(new ScopeDescriptor(SCOPE, "Read event types and cancel scheduled events."))
                .docsUrl("https://developer.calendly.com/api-docs")
                .build();
    }
}
